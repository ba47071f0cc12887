import type { PlannedStep } from '../runbook/build-plan.js';
import {
  APPROVAL_NOTE,
  needsApproval,
  BLANK,
  type Checklist,
  CONSOLE_NOTE,
  countSteps,
  groupByPhase,
  hostOf,
  isSecret,
  SECRET_NOTE,
  stepHeading,
  stepNotes,
} from './checklist.js';
import { codeBlock, codeSpan, escapeMarkdown } from './markdown-text.js';

/** Values only known during the run become blanks to write in. */
function blanks(text: string): string {
  return text.replace(BLANK, (_, name: string) => `[${name}: __________]`);
}

const md = (text: string) => blanks(escapeMarkdown(text));

/** A check: what is checked on the box's line, its command (if any) under it, whole, as code. */
function checkItem(text: string): string {
  const [what, ...commands] = text.split('\n');
  return [`- ☐ ${md(what!)}`, ...commands.map((c) => `  - ${blanks(codeSpan(c.trim()))}`)].join('\n');
}

/** The runbook as a paper checklist in Markdown. */
export function renderChecklistMarkdown(list: Checklist): string {
  const { runbook, environment } = list;
  const out = [
    `# ${md(runbook.title)} — paper checklist`,
    '',
    `Runbook \`${runbook.id}\` (sha256 ${runbook.sha256.slice(0, 12)}…) · environment **${md(environment.name)}**${environment.drill ? ' (drill)' : ''} · RTO ${runbook.rto} · ${countSteps(list.steps)}`,
    '',
    md(runbook.summary.trim()),
    '',
    'Started at: ________ by: ________ · Outage began at: ________ · Incident: ________',
    '',
    'Tick each box, write the time and your initials. When the tool is back, enter the steps done on paper with their time and initials, so their post-checks run and the run report shows them.',
  ];
  if (list.schedule) {
    const { host, runAs, command, warning } = list.schedule;
    out.push(
      '',
      '## Schedule',
      '',
      `Register it once, in an elevated prompt on ${md(host)} (Windows Task Scheduler; \`/RP *\` asks for the password of ${md(runAs)}):`,
      '',
      ...codeBlock(command).split('\n'),
    );
    if (warning) out.push('', `Warning: ${md(warning)}`);
  }
  if (list.inputs.length) {
    out.push('', '## Asked at the start', '');
    for (const input of list.inputs)
      out.push(`- ${input.key} (${input.type}): ${md(input.prompt)} → ____________________`);
  }
  for (const group of groupByPhase(list.steps)) {
    out.push('', `## ${md(group.phase ?? 'Steps')}`);
    for (const step of group.steps) out.push('', ...renderStep(step, list));
  }
  out.push('', '---', `Generated from ${runbook.file}. Sources: ${runbook.sources.map(md).join('; ')}`);
  return `${out.join('\n')}\n`;
}

function renderStep(step: PlannedStep, list: Checklist): string[] {
  if (step.runs === 'no')
    return [
      `### ${md(stepHeading(step))} — not needed here`,
      '',
      `${md(step.notNeeded ?? '')}; it runs ${md(step.condition ?? '')}.`,
    ];
  const out = [`### ☐ ${md(stepHeading(step))}`, '', `\`${step.id}\` · on **${md(hostOf(step))}**`];
  for (const note of stepNotes(step)) out.push('', md(note));
  if (step.instructions) out.push('', ...step.instructions.split('\n').map((l) => `> ${md(l)}`));
  for (const input of step.inputs)
    out.push('', `- Asks ${md(input)} → ${isSecret(input) ? SECRET_NOTE : '____________________'}`);
  if (step.pre.length) out.push('', '**Before** — check, expect:', ...step.pre.map(checkItem));
  const console = step.action?.atConsole;
  if (step.action && console) {
    out.push('', `**Do** at the console of ${md(step.action.host)} (confirm: ${step.action.confirm}):`);
    out.push('', codeBlock(blanks(console.text)), '', md(CONSOLE_NOTE));
    if (console.note) out.push('', md(console.note));
  } else if (step.action) {
    const label =
      step.action.kind === 'manual'
        ? '**Do by hand**'
        : `**Do** on ${md(step.action.host)} (confirm: ${step.action.confirm})`;
    out.push('', `${label}:`, '', codeBlock(blanks(step.action.text)));
    if (step.action.stdinNote) out.push('', `(${step.action.stdinNote})`);
    if (needsApproval(list, step))
      out.push(
        '',
        APPROVAL_NOTE,
        ...Array.from(
          { length: list.approvals! },
          () => '- ☐ Approved by: ____________ at: ________ (or denied, why: ____________)',
        ),
      );
  }
  if (step.post.length) out.push('', '**After** — check, expect:', ...step.post.map(checkItem));
  if (step.rollback)
    out.push('', `**Rollback** on ${md(step.rollback.host)}:`, '', codeBlock(blanks(step.rollback.text)));
  if (step.irreversible) out.push('', `No rollback: ${md(step.irreversible)}`);
  out.push('', 'Done at: ________ Initials: ______ · Skipped/failed, why: ______________________');
  return out;
}
