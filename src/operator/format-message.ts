import { Chalk, type ChalkInstance } from 'chalk';
import type { FailurePhase, OperatorMessage } from '../engine/ports.js';
import { KEPT_OUTPUT_CHARS } from '../engine/events.js';
import { formatDuration } from '../runbook/duration.js';
import { createStatusSymbols, type StatusSymbols } from './status-symbols.js';

/** chalk ignores NO_COLOR on its own; we honour it, and TERM=dumb, here. */
export function createChalk(
  stream: NodeJS.WriteStream | { isTTY?: boolean } = process.stdout,
): ChalkInstance {
  const off =
    Boolean(process.env.NO_COLOR) ||
    process.env.TERM === 'dumb' ||
    !stream.isTTY ||
    process.env.FORCE_COLOR === '0';
  return new Chalk({ level: off ? 0 : 1 });
}

const MAX_OUTPUT_LINES = 30;

/** Where in the step it failed, in words (the journal keeps the phase's name). */
const PHASE_WORDS: Record<FailurePhase, string> = {
  pre: 'at a check before its action',
  confirm: 'at the confirmation',
  action: 'at its action',
  post: 'at a check after its action',
  rollback: 'at its rollback',
  'in-doubt': 'when the run was resumed (in doubt)',
};

/** How a message from the engine looks on a terminal. Plain text when colour is off. */
export function formatMessage(
  message: OperatorMessage,
  c: ChalkInstance,
  symbols: StatusSymbols = createStatusSymbols(),
): string {
  switch (message.kind) {
    case 'header': {
      const budget = message.rtoMs ? ` of ${formatDuration(message.rtoMs)} RTO` : '';
      const over = message.rtoMs && message.elapsedMs > message.rtoMs ? c.red(' (over budget)') : '';
      const where = message.instance
        ? ` · ${message.instance.host}, ${message.instance.position} of ${message.instance.count} servers`
        : '';
      return `\n${c.bold.cyan(`── Step ${message.step} of ${message.total}${where}: ${message.title}`)}\n${c.dim(`   ${message.runbook} · elapsed ${formatDuration(message.elapsedMs)}${budget}`)}${over}`;
    }
    case 'instructions':
      return reflow(message.text)
        .split('\n')
        .map((line) => `   ${line}`)
        .join('\n');
    case 'check': {
      if (message.informational)
        return `   ${c.yellow(symbols.warn)} ${message.label} ${c.dim(`— ${message.observed} (for information; the step goes on)`)}`;
      const mark = message.ok ? c.green(symbols.ok) : c.red(symbols.fail);
      const detail = message.ok
        ? c.dim(` — ${message.observed}`)
        : `\n     expected: ${message.expected}\n     seen:     ${c.red(message.observed)}`;
      return `   ${mark} ${message.label}${detail}`;
    }
    case 'command':
      return `   ${c.bold('Command on')} ${c.bold(message.host)}:\n     ${c.yellow(message.rendered)}${describeTyped(message.typedLines, c)}`;
    case 'output':
      return foldOutput(message.text, message.stream === 'stderr' ? c.red : c.dim, message.printedLines);
    case 'info':
      return `   ${c.cyan(symbols.info)} ${message.text.split('\n').join('\n     ')}`;
    case 'failure':
      return `   ${c.red.bold(symbols.failed)} ${c.red.bold(`Step ${message.stepId} failed`)} ${c.red(`${PHASE_WORDS[message.phase]}: ${message.reason}`)}`;
    case 'warning':
      // Continuation lines line up under the first one.
      return `   ${c.yellow(symbols.warn)} ${c.yellow(reflow(message.text).split('\n').join('\n     '))}`;
    case 'waiting':
      return c.dim(`   ${symbols.ellipsis} ${describeWait(message)}`);
    case 'summary':
      return `\n${message.ok ? c.green.bold(symbols.done) : c.red.bold(symbols.failed)} ${message.text}`;
  }
}

/**
 * One wait, as the live line shows it: what is awaited, on which host, waited against the limit in real
 * time (the header's clock); in a drill, whose lab runs faster, the lab's time as a labelled extra.
 */
export function describeWait(message: Extract<OperatorMessage, { kind: 'waiting' }>): string {
  const what = message.label
    ? `waiting for "${message.label}"${message.host ? ` on ${message.host}` : ''}`
    : `waiting: ${message.text}`;
  const wall = message.wallElapsedMs ?? message.elapsedMs;
  const lab = message.labClock === true;
  const timing = lab
    ? `${formatDuration(wall)} waited (lab time ${formatDuration(message.elapsedMs)} of its ${formatDuration(message.timeoutMs)} limit)`
    : `${formatDuration(wall)} of ${formatDuration(message.timeoutMs)} waited`;
  return `${what} · ${timing}${message.observed ? ` · last seen: ${message.observed}` : ''}`;
}

/**
 * Runbook text is written wrapped at ~115 columns; on a narrower terminal those breaks land mid-line and
 * the terminal wraps again. A line that does not end a sentence is joined to the next one (unless that is a
 * list item or indented), so the terminal alone wraps, at its own width.
 */
export function reflow(text: string): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const previous = out.at(-1);
    const continues =
      previous !== undefined &&
      previous.trim() !== '' &&
      line.trim() !== '' &&
      !/[.:!?]["')]?$/.test(previous.trimEnd()) &&
      !/^\s*([-*•→]|\d+[.)])\s/.test(previous) &&
      !/^\s|^[-*•→]\s|^\d+[.)]\s/.test(line);
    if (continues) out[out.length - 1] = `${previous.trimEnd()} ${line.trim()}`;
    else out.push(line);
  }
  return out.join('\n');
}

function foldOutput(text: string, paint: (s: string) => string, printedLines?: number): string {
  const lines = text.replace(/\s+$/, '').split(/\r?\n/);
  const shown = lines.slice(0, MAX_OUTPUT_LINES).map((line) => paint(`     │ ${line}`));
  // Counted from what the command printed, not from what was kept of it (its start and end).
  const total = Math.max(printedLines ?? 0, lines.length);
  if (total > MAX_OUTPUT_LINES)
    shown.push(
      paint(
        `     │ … ${total - MAX_OUTPUT_LINES} more lines not shown; the journal keeps the first ${KEPT_OUTPUT_CHARS} characters of each stream`,
      ),
    );
  return shown.join('\n');
}

/** Under a command that gets its answers on stdin: what it is given, without showing it. */
function describeTyped(lines: number | undefined, c: ChalkInstance): string {
  if (!lines) return '';
  const what = lines === 1 ? 'one line' : `${lines} lines`;
  return `\n     ${c.dim(`(the runbook types ${what} into it on stdin: not shown here, and not echoed by the command, so a prompt it prints stays blank)`)}`;
}
