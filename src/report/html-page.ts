import { escapeHtml, type Html } from './html-text.js';

/** Shared look of the generated pages: system fonts, no external resources, a print stylesheet. */
const BASE_CSS = `
:root { --ink: #1b1f23; --muted: #5b6470; --line: #d5dae0; --done: #2e7d32; --skipped: #8d959e;
  --failed: #c62828; --interrupted: #ef6c00; --na: #cfd6dd; --paper: #00838f; --wait: #f9a825; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 12px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; }
table { border-collapse: collapse; } td, th { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
code, pre { font: 12.5px/1.4 ui-monospace, "Cascadia Mono", Consolas, monospace; }
pre { background: #f6f8fa; border: 1px solid var(--line); padding: 8px; white-space: pre-wrap; word-break: break-word; margin: 4px 0; }
.muted { color: var(--muted); } .ok { color: var(--done); } .bad { color: var(--failed); } .warn { color: var(--interrupted); }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; color: #fff; background: var(--muted); vertical-align: middle; }
.badge.done { background: var(--done); } .badge.skipped { background: var(--skipped); } .badge.aborted, .badge.canceled { background: var(--failed); }
.badge.interrupted { background: var(--interrupted); } .badge.not-applicable { background: var(--na); color: var(--ink); } .badge.marked-done { background: var(--paper); }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@page { margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid-page; } pre { white-space: pre-wrap; }
  a { color: inherit; text-decoration: none; }
}
`;

/** A complete, self-contained HTML document. */
export function renderPage(title: string, body: Html, extraCss = ''): string {
  // Folded output opens for printing, so paper shows everything the screen can.
  const script =
    "window.addEventListener('beforeprint',()=>{for(const d of document.querySelectorAll('details'))d.open=true});";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${BASE_CSS}${extraCss}</style>
</head>
<body>
${body.html}
<script>${script}</script>
</body>
</html>
`;
}
