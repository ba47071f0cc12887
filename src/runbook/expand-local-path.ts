import { homedir } from 'node:os';

/**
 * A path on this computer as an operator writes it in an environment file: `~` for the home folder
 * (`~/.ssh/id_ed25519`), `%USERPROFILE%` and other `%NAME%` variables as cmd and Explorer accept them.
 * Expanded here, before the path is made absolute: ssh would read `%U` of `%USERPROFILE%` as its own
 * token, and `~/…` would otherwise be taken as relative to the environment file.
 */
export function expandLocalPath(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  const tilde = /^~(?=$|[\\/])/.test(path) ? home + path.slice(1) : path;
  return tilde.replace(/%([A-Za-z_][A-Za-z0-9_()]*)%/g, (whole, name: string) => {
    const key = Object.keys(env).find((candidate) => candidate.toUpperCase() === name.toUpperCase());
    return key !== undefined && env[key] !== undefined ? env[key]! : whole;
  });
}
