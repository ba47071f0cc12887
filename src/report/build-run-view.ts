import { computeOutcome } from '../engine/compute-outcome.js';
import type { EngineEvent } from '../engine/events.js';
import { interpolateKnown } from '../runbook/interpolate.js';
import type { DrillGrade, RunView, Session, Span, StepView } from './run-view.js';
import { applyStepEvent, createStepView, isOperatorAnswer, type StepEvent } from './step-events.js';

type RunStarted = Extract<EngineEvent, { type: 'run-started' }>;

/**
 * A run as the report shows it, from its journal events alone. Pure: the same events give the same
 * view, so reports are tested on crafted journals. `titles` (from the runbook file) names steps that
 * never started; `grade` is the drill's drill-grade.json.
 */
export function buildRunView(
  events: readonly EngineEvent[],
  options: {
    grade?: DrillGrade;
    titles?: Record<string, string>;
    resumeCommand?: string;
    /** the runbook's headline: label → value template over the run's variables */
    headline?: Record<string, string>;
  } = {},
): RunView | undefined {
  const started = events.find((e): e is RunStarted => e.type === 'run-started');
  if (!started) return undefined;
  const variables: Record<string, string> = {};
  const steps = new Map<string, StepView>();
  const sessions: Session[] = [{ kind: 'started', at: started.at, operator: started.operator }];
  const interruptions: Span[] = [];
  const inputs: RunView['inputs'] = [];
  const lastAt = new Map<string, number>();
  /** steps whose last event opened a prompt, still unanswered */
  const lastPrompt = new Set<string>();
  let operator = started.operator;
  let finished: Extract<EngineEvent, { type: 'run-finished' }> | undefined;
  const stepFor = (id: string, title?: string) => {
    let view = steps.get(id);
    if (!view) {
      const fallback = options.titles?.[id.split('@')[0]!];
      view = createStepView(id, title ?? (fallback ? interpolateKnown(fallback, variables) : id));
      steps.set(id, view);
    }
    return view;
  };
  for (const [index, event] of events.entries()) {
    const atMs = Date.parse(event.at);
    switch (event.type) {
      case 'run-started':
        continue;
      case 'run-resumed': {
        const previous = events[index - 1];
        if (previous) interruptions.push({ fromMs: Date.parse(previous.at), toMs: atMs });
        markInterrupted(steps, previous?.at ?? event.at);
        operator = event.operator;
        finished = undefined;
        sessions.push({
          kind: 'resumed',
          at: event.at,
          operator: event.operator,
          ...(event.inDoubt ? { inDoubt: event.inDoubt } : {}),
          ...(event.resumeAt ? { resumeAt: event.resumeAt } : {}),
        });
        if (event.inDoubt) {
          const view = stepFor(event.inDoubt);
          view.inDoubt = true;
          view.entries.push({ kind: 'in-doubt', at: event.at, by: event.operator });
        }
        continue;
      }
      case 'run-handed-over': {
        const session = sessions.at(-1)!;
        session.handedOverFrom = event.from;
        session.operator = event.to;
        operator = event.to;
        continue;
      }
      case 'run-finished':
        finished = event;
        if (event.stepId && (event.outcome === 'aborted' || event.outcome === 'canceled')) {
          const view = stepFor(event.stepId);
          view.status = event.outcome;
          // The step lasted until the run stopped there: an interrupted prompt was waited on until then.
          const span = view.spans.at(-1);
          if (span) span.toMs = Math.max(span.toMs, atMs);
          const since = lastAt.get(event.stepId);
          if (lastPrompt.has(event.stepId) && since !== undefined && atMs > since)
            view.waits.push({ fromMs: since, toMs: atMs });
        }
        continue;
      case 'steps-marked-done':
        for (const id of event.stepIds) {
          const view = stepFor(id);
          view.status = 'marked-done';
          view.spans.push({ fromMs: atMs, toMs: atMs });
          const { by, note } = event;
          const sheet = event as { doneAt?: string; initials?: string };
          view.entries.push({ kind: 'marked-done', at: event.at, by, note, ...pickSheet(sheet) });
        }
        continue;
      case 'input-provided':
        if (!event.secret && event.value !== undefined) variables[event.key] = event.value;
        if (!event.stepId) {
          inputs.push({ kind: 'input', at: event.at, key: event.key, secret: event.secret, ...value(event) });
          continue;
        }
        break;
      case 'variable-captured':
        variables[event.name] = event.value;
        break;
    }
    const stepEvent = event as StepEvent;
    // Events this report does not know yet (added to the engine later) are left out, never fatal.
    if (typeof stepEvent.stepId !== 'string') continue;
    const view = stepFor(stepEvent.stepId, stepEvent.type === 'step-started' ? stepEvent.title : undefined);
    if (isOperatorAnswer(view, stepEvent)) {
      const since = lastAt.get(stepEvent.stepId);
      if (since !== undefined && atMs > since) view.waits.push({ fromMs: since, toMs: atMs });
    }
    applyStepEvent(view, stepEvent, operator);
    lastAt.set(stepEvent.stepId, atMs);
    if (event.type === 'prompt-opened') lastPrompt.add(stepEvent.stepId);
    else lastPrompt.delete(stepEvent.stepId);
  }
  const lastEvent = events.at(-1)!;
  const outcome = finished?.outcome ?? 'interrupted';
  if (outcome === 'interrupted') markInterrupted(steps, lastEvent.at);
  const seen = new Set([...steps.keys()].map((id) => id.split('@')[0]));
  return {
    runId: started.runId,
    runbook: {
      id: started.runbook.id,
      title: started.runbook.title,
      file: started.runbook.file,
      sha256: started.runbook.sha256,
    },
    environment: started.environment,
    drill: started.drill,
    operators: [...new Set(sessions.map((s) => s.operator))],
    sessions,
    startedAt: started.at,
    ...(finished ? { endedAt: finished.at } : {}),
    outcome,
    computed: computeOutcome(events),
    ...(finished?.stepId ? { stoppedAt: finished.stepId } : {}),
    ...(finished?.message ? { message: finished.message } : {}),
    elapsedMs: finished?.elapsedMs ?? Date.parse(lastEvent.at) - Date.parse(started.at),
    rtoMs: started.rtoMs,
    inputs,
    steps: placeInstances([...steps.values()].map(finishStepView)),
    notReached:
      outcome === 'succeeded'
        ? []
        : started.runbook.stepIds
            .filter((id) => !seen.has(id))
            .map((id) => {
              const title = options.titles?.[id];
              return { id, ...(title ? { title: interpolateKnown(title, variables) } : {}) };
            }),
    interruptions,
    ...(options.grade ? { grade: options.grade } : {}),
    ...(options.resumeCommand ? { resumeCommand: options.resumeCommand } : {}),
    headline: Object.entries(options.headline ?? {}).map(([label, template]) =>
      resolveHeadline(label, template, { ...variables, runId: started.runId }),
    ),
  };
}

/** A headline value, or what is missing from it: a value the run never reached is not invented. */
function resolveHeadline(label: string, template: string, variables: Record<string, string>) {
  const value = interpolateKnown(template, variables);
  const missing = [...value.matchAll(/\{\{\s*([A-Za-z][A-Za-z0-9_.-]*)\s*\}\}/g)].map((m) => m[1]!);
  return missing.length ? { label, missing } : { label, value };
}

function value(event: { value?: string }): { value?: string } {
  return event.value !== undefined ? { value: event.value } : {};
}

function pickSheet(sheet: { doneAt?: string; initials?: string }): { doneAt?: string; initials?: string } {
  return {
    ...(sheet.doneAt ? { doneAt: sheet.doneAt } : {}),
    ...(sheet.initials ? { initials: sheet.initials } : {}),
  };
}

/** Steps still in progress when a session ended (a crash, a closed laptop) were interrupted there. */
function markInterrupted(steps: Map<string, StepView>, at: string): void {
  for (const view of steps.values()) {
    if (view.status !== 'interrupted' || view.entries.at(-1)?.kind === 'interrupted') continue;
    const open = view.entries.findLast((e) => e.kind === 'action' && !e.result && !e.rollback);
    view.entries.push({
      kind: 'interrupted',
      at,
      ...(open?.kind === 'action' ? { inFlight: `${open.command} (on ${open.host})` } : {}),
    });
  }
}

/** Instances of a step repeated per server (`id@HOST`) get their place among that step's servers. */
function placeInstances(views: StepView[]): StepView[] {
  const groups = new Map<string, StepView[]>();
  for (const view of views) {
    const [base, host] = view.id.split('@');
    if (host) groups.set(base!, [...(groups.get(base!) ?? []), view]);
  }
  return views.map((view) => {
    const [base, host] = view.id.split('@');
    const group = host ? groups.get(base!) : undefined;
    return group
      ? { ...view, instance: { host: host!, position: group.indexOf(view) + 1, count: group.length } }
      : view;
  });
}

function finishStepView(view: StepView): StepView {
  const durationMs = view.spans.reduce((sum, span) => sum + (span.toMs - span.fromMs), 0);
  // Say whether checks settled an in-doubt step only when some did.
  const entries = view.entries.map((entry, index) =>
    entry.kind === 'in-doubt'
      ? {
          ...entry,
          checked: view.entries
            .slice(index + 1)
            .some((later) => later.kind === 'check' && later.phase === 'post'),
        }
      : entry,
  );
  return { ...view, entries, durationMs };
}
