import { POWERSHELL_VERBS, WINDOWS_POWERSHELL_ALIASES } from './powershell-names.js';

const VERBS = new Set(POWERSHELL_VERBS.map((verb) => verb.toLowerCase()));
const ALIASES = new Map(
  Object.entries(WINDOWS_POWERSHELL_ALIASES).map(([name, cmdlet]) => [name.toLowerCase(), cmdlet]),
);

/**
 * What is wrong with a program name on a Windows host, if anything: Windows PowerShell 5.1 resolves
 * an alias or a cmdlet before a program, so `sc` runs Set-Content and writes a file named after its
 * first argument instead of starting a service. A path or a name with an extension is a program.
 */
export function findPowerShellNameProblem(program: string): string | undefined {
  if (program.includes('{{') || /[\\/.]/.test(program)) return undefined;
  const cmdlet = ALIASES.get(program.toLowerCase());
  if (cmdlet)
    return `"${program}" on a Windows host is the Windows PowerShell 5.1 alias of ${cmdlet}: typed into PowerShell (ssh, plan, export, the confirm prompt), & '${program}' … runs ${cmdlet}, not the program. Write "${program}.exe".`;
  const verb = /^([a-z]+)-[a-z0-9]+$/i.exec(program)?.[1];
  if (verb && VERBS.has(verb.toLowerCase()))
    return `"${program}" is a PowerShell cmdlet, not a program: use a typed check (service:, file:, port:, event:, registry:) or run it as [powershell.exe, -NoProfile, -Command, "${program} …"].`;
  return undefined;
}
