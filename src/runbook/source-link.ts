/** Where the BizTalk Server documentation folders a runbook cites (`BT core/….md`) are published. */
const PUBLISHED: Record<string, string> = {
  core: 'https://learn.microsoft.com/en-us/biztalk/core/',
  tg: 'https://learn.microsoft.com/en-us/biztalk/technical-guides/',
  icg: 'https://learn.microsoft.com/en-us/biztalk/install-and-config-guides/',
};

/**
 * A runbook's source as an operator can open it: `BT core/how-to-restore-the-master-secret.md` becomes
 * Microsoft's page address; an address stays as it is; anything else (a project note) is not a page to open.
 */
export function sourceLink(source: string): string | undefined {
  if (/^https?:\/\//.test(source)) return source;
  const match = /^BT (core|tg|icg)\/([a-z0-9-]+)\.md$/.exec(source.trim());
  return match ? `${PUBLISHED[match[1]!]}${match[2]}` : undefined;
}
