/** Every string in a parsed document with its path, e.g. ['steps', 3, 'action', 'run', 1]. */
export type StringAt = { path: (string | number)[]; value: string };

export function walkStrings(value: unknown, path: (string | number)[] = []): StringAt[] {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => walkStrings(item, [...path, index]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => walkStrings(item, [...path, key]));
  }
  return [];
}
