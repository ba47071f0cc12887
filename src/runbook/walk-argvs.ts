/** Every command of a step (actions, sequences, rollbacks, checks) with its path. */
export function walkArgvs(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; argv: string[] }[] {
  if (Array.isArray(value)) {
    const isArgv = value.length > 0 && value.every((item) => typeof item === 'string');
    const parent = path.at(-1);
    if (isArgv && (parent === 'run' || path.at(-2) === 'sequence'))
      return [{ path, argv: value as string[] }];
    return value.flatMap((item, index) => walkArgvs(item, [...path, index]));
  }
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => walkArgvs(item, [...path, key]));
  return [];
}
