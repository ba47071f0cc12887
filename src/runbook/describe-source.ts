import type { StepSource } from './schema.js';

/** One line for plans, checklists and reports: `Title <address>`, `reference: …` or `site practice: …`. */
export function describeSource(source: StepSource): string {
  if ('title' in source) return `${source.title} <${source.url}>`;
  if ('reference' in source) return `reference: ${source.reference}`;
  return `site practice: ${source['site-practice']}`;
}

/** Whether a step's sources stand on their own: a Microsoft page or a site-practice reason. */
export function hasPrimarySource(sources: readonly StepSource[] | undefined): boolean {
  return (sources ?? []).some((source) => 'title' in source || 'site-practice' in source);
}
