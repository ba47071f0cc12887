import type { Check, Expect } from './schema.js';

/** A short label for a check, for ✓/✗ lines: "ENTSSO is running", "ssomanage -displaydb". */
export function describeCheck(check: Check): string {
  if (check.label) return check.label;
  if ('run' in check) return check.run.join(' ');
  if ('service' in check) return `service ${check.service.name} is ${check.service.state}`;
  if ('file' in check) return `${check.file.path} ${check.file.exists ? 'exists' : 'is absent'}`;
  if ('port' in check) return `${check.port.host}:${check.port.port} is reachable`;
  if ('event' in check)
    return `event ${check.event.ids.join('/')} ${check.event.present ? 'logged' : 'not logged'}`;
  return `registry ${check.registry.key} ${check.registry.exists ? 'exists' : 'is absent'}`;
}

/** What a command is expected to produce, in words. */
export function describeExpect(expect: Expect): string {
  const parts = [`exit code ${expect.exitCode}`];
  if (expect.stdout) parts.push(`output matching /${expect.stdout}/`);
  if (expect.stderr) parts.push(`errors matching /${expect.stderr}/`);
  if (expect.notStdout) parts.push(`output not matching /${expect.notStdout}/`);
  return parts.join(', ');
}
