import { dirname, isAbsolute, resolve } from 'node:path';
import { InvalidInputError } from '../errors.js';
import { type Environment, EnvironmentSchema } from './environment-schema.js';
import { expandLocalPath } from './expand-local-path.js';
import { formatProblem, parseYaml } from './parse-yaml.js';
import { readTextFile } from './read-text-file.js';

/** Load and validate an environment file; problems are listed as file:line:col, never thrown raw. */
export function loadEnvironment(file: string): Environment {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InvalidInputError(
      code
        ? `cannot read environment file ${file}: ${code}. Check the --env path.`
        : `cannot read environment file ${file}: ${(error as Error).message}.`,
    );
  }
  const parsed = parseYaml(text, file, EnvironmentSchema);
  if (!parsed.value) {
    throw new InvalidInputError(
      `${file} is not a valid environment; fix these problems:\n${parsed.problems.map(formatProblem).join('\n')}`,
    );
  }
  const environment = parsed.value;
  // Relative paths are relative to the environment file, so the file can move with its keys and its lab.
  const near = (raw: string) => {
    const path = expandLocalPath(raw);
    return isAbsolute(path) ? path : resolve(dirname(file), path);
  };
  if (environment.lab) environment.lab.dir = near(environment.lab.dir);
  for (const host of Object.values(environment.hosts)) {
    const transport = host.transport;
    if (transport.type !== 'ssh') continue;
    if (transport.identity) transport.identity = near(transport.identity);
    if (transport.knownHosts) transport.knownHosts = near(transport.knownHosts);
  }
  addSectionVariables(environment);
  return environment;
}

/**
 * The `backup` and `policy` sections are runbook variables too ({{offBoxHost}}, {{offBoxFolder}},
 * {{passwordHolder}}, {{backupKeep}}), so a runbook and `readiness` read one definition. A value under
 * `vars` of the same name wins.
 */
export function addSectionVariables(environment: Environment): void {
  const derived: Record<string, string | undefined> = {
    offBoxHost: environment.backup?.offBox.host,
    offBoxFolder: environment.backup?.offBox.folder,
    passwordHolder: environment.backup?.passwordHolder,
    backupKeep: String(environment.policy?.backupKeep ?? 4),
  };
  for (const [name, value] of Object.entries(derived))
    if (value !== undefined && environment.vars[name] === undefined) environment.vars[name] = value;
}

/** Used when no --env is given: everything runs on this machine. */
export function createLocalEnvironment(): Environment {
  return {
    name: 'local',
    drill: false,
    hosts: { localhost: { roles: ['local'], transport: { type: 'local' } } },
    vars: {},
  };
}
