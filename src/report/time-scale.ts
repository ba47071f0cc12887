import type { RunView, Span } from './run-view.js';

/** Maps wall time to a position on a timeline; long interruptions (a crash, a night) are drawn short. */
export type TimeScale = {
  startMs: number;
  endMs: number;
  /** 0..1 */
  position(ms: number): number;
  /** readable tick instants, at most `count` */
  ticks(count: number): number[];
};

/** Interruptions are drawn at most this share of the active time. */
const GAP_SHARE = 0.08;

export function createTimeScale(view: RunView): TimeScale {
  const instants = view.steps.flatMap((s) => s.spans.flatMap((span) => [span.fromMs, span.toMs]));
  const startMs = Date.parse(view.startedAt);
  const endMs = Math.max(startMs + 1, view.endedAt ? Date.parse(view.endedAt) : startMs, ...instants);
  const gaps = view.interruptions.filter((g) => g.toMs > g.fromMs);
  const active = endMs - startMs - gaps.reduce((sum, g) => sum + (g.toMs - g.fromMs), 0);
  const cap = Math.max(1, active * GAP_SHARE);
  const shown = (g: Span) => Math.min(g.toMs - g.fromMs, cap);
  const total = Math.max(1, active + gaps.reduce((sum, g) => sum + shown(g), 0));
  const displayed = (ms: number) => {
    let d = ms - startMs;
    for (const gap of gaps) {
      if (ms <= gap.fromMs) break;
      const inside = Math.min(ms, gap.toMs) - gap.fromMs;
      d -= inside - (inside / (gap.toMs - gap.fromMs)) * shown(gap);
    }
    return d;
  };
  return {
    startMs,
    endMs,
    position: (ms) => Math.min(1, Math.max(0, displayed(ms) / total)),
    ticks(count) {
      const step = niceStep((endMs - startMs) / Math.max(1, count));
      const out: number[] = [];
      for (let t = 0; t <= endMs - startMs && out.length <= count; t += step) out.push(startMs + t);
      return out;
    },
  };
}

/** 1, 2 or 5 times a power of ten, in ms, at least 1 ms. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  const factor = [1, 2, 5, 10].find((f) => f * power >= raw) ?? 10;
  return Math.max(1, factor * power);
}
