/** Every string in a parsed document with its path, e.g. ['steps', 3, 'action', 'run', 1]. */
export type StringAt = { path: (string | number)[]; value: string };

export function walkStrings(value: unknown, path: (string | number)[] = []): StringAt[] {
  const found: StringAt[] = [];
  // One path stack, copied only for a string found: lint walks every step several times, and copying the
  // path at every level was most of the cost of linting a runbook.
  const at = [...path];
  const visit = (item: unknown): void => {
    if (typeof item === 'string') found.push({ path: [...at], value: item });
    else if (Array.isArray(item))
      for (const [index, element] of item.entries()) {
        at.push(index);
        visit(element);
        at.pop();
      }
    else if (item && typeof item === 'object')
      for (const [key, element] of Object.entries(item)) {
        at.push(key);
        visit(element);
        at.pop();
      }
  };
  visit(value);
  return found;
}
