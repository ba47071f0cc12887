import { Chalk, type ChalkInstance } from 'chalk';
import type { OperatorMessage } from '../engine/ports.js';
import { KEPT_OUTPUT_CHARS } from '../engine/run-action.js';
import { formatDuration } from '../runbook/duration.js';

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

/** How a message from the engine looks on a terminal. Plain text when colour is off. */
export function formatMessage(message: OperatorMessage, c: ChalkInstance): string {
  switch (message.kind) {
    case 'header': {
      const budget = message.rtoMs ? ` of ${formatDuration(message.rtoMs)} RTO` : '';
      const over = message.rtoMs && message.elapsedMs > message.rtoMs ? c.red(' (over budget)') : '';
      return `\n${c.bold.cyan(`── Step ${message.step} of ${message.total}: ${message.title}`)}\n${c.dim(`   ${message.runbook} · elapsed ${formatDuration(message.elapsedMs)}${budget}`)}${over}`;
    }
    case 'instructions':
      return message.text
        .split('\n')
        .map((line) => `   ${line}`)
        .join('\n');
    case 'check': {
      if (message.informational)
        return `   ${c.yellow('⚠')} ${message.label} ${c.dim(`— ${message.observed} (for information; the step goes on)`)}`;
      const mark = message.ok ? c.green('✓') : c.red('✗');
      const detail = message.ok
        ? c.dim(` — ${message.observed}`)
        : `\n     expected: ${message.expected}\n     seen:     ${c.red(message.observed)}`;
      return `   ${mark} ${message.label}${detail}`;
    }
    case 'command':
      return `   ${c.bold('Command on')} ${c.bold(message.host)}:\n     ${c.yellow(message.rendered)}`;
    case 'output':
      return foldOutput(message.text, message.stream === 'stderr' ? c.red : c.dim);
    case 'info':
      return `   ${c.cyan('ℹ')} ${message.text.split('\n').join('\n     ')}`;
    case 'failure':
      return `   ${c.red.bold('✘')} ${c.red.bold(`Step ${message.stepId} failed`)} ${c.red(`(${message.phase}): ${message.reason}`)}`;
    case 'warning':
      // Continuation lines line up under the first one.
      return `   ${c.yellow('⚠')} ${c.yellow(message.text.split('\n').join('\n     '))}`;
    case 'waiting':
      return c.dim(
        `   … waiting ${formatDuration(message.elapsedMs)} of ${formatDuration(message.timeoutMs)}: ${message.text}`,
      );
    case 'summary':
      return `\n${message.ok ? c.green.bold('✔') : c.red.bold('✘')} ${message.text}`;
  }
}

function foldOutput(text: string, paint: (s: string) => string): string {
  const lines = text.replace(/\s+$/, '').split(/\r?\n/);
  const shown = lines.slice(0, MAX_OUTPUT_LINES).map((line) => paint(`     │ ${line}`));
  if (lines.length > MAX_OUTPUT_LINES)
    shown.push(
      paint(
        `     │ … ${lines.length - MAX_OUTPUT_LINES} more lines not shown; the journal keeps the first ${KEPT_OUTPUT_CHARS} characters of each stream`,
      ),
    );
  return shown.join('\n');
}
