#!/usr/bin/env node
// The lab's own entry point: what the process lab runner starts for every lab command, probe and write
// (`lab-tool.js exec|probe|write --dir D --host H …`), so a drill's lab calls load the lab and nothing of
// the product's CLI. The same arguments work after `sso-failover lab` (the ssh lab transport uses that).
import { parseArgs } from 'node:util';
import { ExitCode } from './exit-codes.js';

const USAGE =
  'usage: lab-tool exec|probe|write --dir <lab folder> --host <server> [--path <file> (write)] [-- <tool argv> (exec)]';

async function main(argv: string[]): Promise<number> {
  const args = argv[0] === 'lab' ? argv.slice(1) : argv;
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { dir: { type: 'string' }, host: { type: 'string' }, path: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const { dir, host, path } = values;
  if (!dir || !host) throw new UsageError(USAGE);
  const lab = await import('./commands/lab.js');
  if (sub === 'exec') return lab.labExecCommand(positionals, { dir, host });
  if (sub === 'probe') return lab.labProbeCommand({ dir, host });
  if (sub === 'write' && path) return lab.labWriteCommand({ dir, host, path });
  throw new UsageError(USAGE);
}

class UsageError extends Error {}

try {
  process.umask(0o077);
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // The same one-line errors and exit codes as `sso-failover lab …`.
  const { OperatorError } = await import('./errors.js');
  const known =
    error instanceof UsageError ||
    error instanceof OperatorError ||
    (error instanceof Error &&
      (error.name === 'LabInputError' ||
        String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')));
  process.stderr.write(
    known
      ? `sso-failover lab: ${(error as Error).message}\n`
      : `sso-failover lab: internal error (a bug; please report it): ${String((error as Error)?.stack ?? error)}\n`,
  );
  process.exitCode =
    error instanceof OperatorError ? error.exitCode : known ? ExitCode.invalidInput : ExitCode.failed;
}
