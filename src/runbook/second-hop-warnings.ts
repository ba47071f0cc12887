import type { Environment } from './environment-schema.js';
import type { Parsed, Problem } from './parse-yaml.js';
import type { Runbook } from './schema.js';
import { walkStrings } from './walk-strings.js';
import { candidateHosts, isRemoteTransport } from './windows-hosts.js';

/**
 * Warnings, not errors (lint still exits 0 for them): a UNC path (\\server\share) in a command sent to a
 * host over WinRM or ssh reaches a third computer from a remote session. Kerberos does not pass the
 * operator's credentials on from there (the second hop), so it fails with access denied unless
 * delegation was set up. Only an environment says how a host is reached, so only `lint --env` warns.
 */
export function findSecondHopWarnings(
  runbook: Runbook,
  file: string,
  locate: Parsed<Runbook>['locate'],
  environment: Environment,
): Problem[] {
  const warnings: Problem[] = [];
  // A host input may be asked by an earlier step: every input of the runbook names its role.
  const inputs = Object.assign({}, runbook.inputs, ...runbook.steps.map((step) => step.inputs ?? {}));
  for (const [index, step] of runbook.steps.entries()) {
    const remote = candidateHosts(step, environment, inputs).filter((name) =>
      isRemoteTransport(environment.hosts[name]!.transport),
    );
    if (remote.length === 0) continue;
    const how = [...new Set(remote.map((name) => environment.hosts[name]!.transport.type))]
      .map((type) => (type === 'winrm' ? 'WinRM' : type))
      .join(' or ');
    for (const { path, value } of walkStrings(step)) {
      if (!value.startsWith('\\\\') || !isUsedThere(path)) continue;
      warnings.push({
        file,
        ...locate(['steps', index, ...path]),
        message: `warning: ${value} is a UNC path used on ${remote.join(', ')} over ${how}: from a remote session Kerberos does not pass your credentials on to a third computer (the second hop), so this fails with access denied unless delegation is set up there. See "Remoting and the second hop" in the README.`,
      });
    }
  }
  return warnings;
}

/** Strings the host itself uses: command arguments, and the paths of file checks and file writes. */
function isUsedThere(path: readonly (string | number)[]): boolean {
  return path.includes('run') || path.includes('sequence') || path.at(-1) === 'path';
}
