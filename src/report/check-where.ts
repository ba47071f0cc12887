/**
 * " on BTS01" after a check's label, unless the label already names that host ("ENTSSO on BTS01",
 * "SSODB names BTS01 (seen from BTS01)"): the report said "… on BTS01 on BTS01".
 */
export function checkWhere(label: string, host: string): string {
  const named = new RegExp(
    `(^|[^A-Za-z0-9_.-])${host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9_-]|$)`,
    'i',
  );
  return named.test(label) ? '' : ` on ${host}`;
}
