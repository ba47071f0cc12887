/** A PowerShell object as the formatters see it: property name → displayed value, in order. */
export type PsObject = Record<string, string>;

/** The properties asked for, with the object's own spelling; PowerShell skips names it does not know. */
function pick(objects: readonly PsObject[], wanted: readonly string[]): string[] {
  const own = Object.keys(objects[0] ?? {});
  if (wanted.length === 0 || wanted.includes('*')) return own;
  return wanted
    .map((w) => own.find((p) => p.toLowerCase() === w.toLowerCase()))
    .filter((p): p is string => p !== undefined);
}

/** Format-List: `Name      : SSO`, colons aligned per object, a blank line around each object. */
export function formatList(objects: readonly PsObject[], wanted: readonly string[]): string[] {
  const props = pick(objects, wanted);
  const width = Math.max(0, ...props.map((p) => p.length));
  const lines = [''];
  for (const object of objects) {
    lines.push('');
    for (const p of props) lines.push(`${p.padEnd(width)} : ${object[p] ?? ''}`.trimEnd());
  }
  lines.push('', '');
  return lines;
}

/** Format-Table: header, dashes under each header, rows; columns as wide as their widest cell. */
export function formatTable(objects: readonly PsObject[], wanted: readonly string[]): string[] {
  const props = pick(objects, wanted);
  const widths = props.map((p) => Math.max(p.length, ...objects.map((o) => (o[p] ?? '').length)));
  const row = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join(' ')
      .trimEnd();
  return [
    '',
    row(props),
    row(props.map((p) => '-'.repeat(p.length))),
    ...objects.map((o) => row(props.map((p) => o[p] ?? ''))),
    '',
    '',
  ];
}
