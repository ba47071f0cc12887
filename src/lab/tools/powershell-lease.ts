import { deleteHostFile, readHostFile, writeHostFile } from '../store/lab-fs.js';
import { splitStatements } from './powershell-services.js';
import { done, type ToolContext, type ToolOutcome } from './tool-context.js';

/** A lease script of sso-failover (src/transports/lease-scripts.ts), read by its values. */
export type LeaseScript = {
  op: 'acquire' | 'renew' | 'release' | 'takeover';
  path: string;
  token: string;
  lease?: string;
  stale?: string;
};

const VALUE = /^\$(op|path|token|lease|stale) = '((?:[^']|'')*)'$/;
const OPS = new Set(['acquire', 'renew', 'release', 'takeover']);

/**
 * The lease script, or undefined for any other script. The lab reads the values at its head and does
 * what the script's .NET calls do on Windows (an atomic create, a replace, a move aside); it does not
 * interpret the calls themselves.
 */
export function parseLeaseScript(script: string): LeaseScript | undefined {
  const statements = splitStatements(script);
  if (statements[0] !== "$ErrorActionPreference = 'Stop'") return undefined;
  const values: Record<string, string> = {};
  for (const statement of statements.slice(1)) {
    const match = VALUE.exec(statement);
    if (!match) break;
    values[match[1]!] = match[2]!.replace(/''/g, "'");
  }
  const { op, path, token } = values;
  if (!op || !OPS.has(op) || !path || !token) return undefined;
  return { op: op as LeaseScript['op'], path, token, lease: values.lease, stale: values.stale };
}

const owns = (content: string, token: string) => content.includes(`"token":"${token}"`);

/** Runs a lease operation on the host's files, inside the lab's transaction: atomic as on Windows. */
export function runLeaseScript(ctx: ToolContext, script: LeaseScript): ToolOutcome {
  const host = ctx.host.name;
  const current = readHostFile(ctx.db, host, script.path)?.content.toString('utf8');
  const say = (...lines: string[]) => {
    for (const line of lines) ctx.out.line(line);
    return done(0);
  };
  switch (script.op) {
    case 'acquire':
      if (current !== undefined) return say('held', current);
      writeHostFile(ctx.db, host, script.path, script.lease ?? '', ctx.now);
      return say('acquired');
    case 'renew':
    case 'release':
      if (current === undefined) return say('gone');
      if (!owns(current, script.token)) return say('lost', current);
      if (script.op === 'release') {
        deleteHostFile(ctx.db, host, script.path);
        return say('released');
      }
      writeHostFile(ctx.db, host, script.path, script.lease ?? '', ctx.now);
      return say('renewed');
    case 'takeover':
      if (current === undefined) return say('gone');
      if (!owns(current, script.stale ?? '')) return say('changed');
      deleteHostFile(ctx.db, host, script.path);
      return say('taken');
  }
}
