import type { SecretRegistry } from '../engine/ports.js';

export const MASK = '********';

/**
 * Value-based redaction: every secret value registered here is scrubbed from whatever passes
 * through `redact`, wherever it appears — live output, journal records, reports, error messages.
 */
export type Redactor = SecretRegistry & {
  redact(text: string): string;
  redactDeep<T>(value: T): T;
  readonly size: number;
};

export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  let pattern: RegExp | undefined;
  const rebuild = () => {
    // Longest first, so a secret containing another is masked whole; JSON-escaped forms too.
    const forms = [...secrets]
      .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])
      .sort((a, b) => b.length - a.length);
    pattern = forms.length ? new RegExp(forms.map(escapeRegExp).join('|'), 'g') : undefined;
  };
  const redact = (text: string) => (pattern ? text.replace(pattern, MASK) : text);
  const redactDeep = <T>(value: T): T => {
    if (typeof value === 'string') return redact(value) as T;
    if (Array.isArray(value)) return value.map(redactDeep) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)])) as T;
    }
    return value;
  };
  return {
    register(value: string) {
      const trimmed = value.replace(/\r?\n$/, '');
      if (trimmed.length === 0 || secrets.has(trimmed)) return;
      secrets.add(trimmed);
      rebuild();
    },
    redact,
    redactDeep,
    get size() {
      return secrets.size;
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
