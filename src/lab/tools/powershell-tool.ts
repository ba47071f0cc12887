import {
  bringSsoOnline,
  type ClusterScope,
  moveClusterGroup,
  takeSsoOffline,
} from '../cluster/cluster-control.js';
import { clusterEvents } from '../cluster/cluster-events.js';
import { listClusterResources } from '../cluster/cluster-state.js';
import { logEvent } from '../services/event-log.js';
import { isClusterNode, type LabCluster, readCluster, writeCluster } from '../cluster/lab-cluster.js';
import { findServer, sameHost, saveServer } from '../store/server-store.js';
import { type PsCommand, listValue, parsePipeline } from './powershell-parse.js';
import { formatList, formatTable } from './powershell-format.js';
import {
  dependencyOutput,
  findResource,
  groupOutput,
  parameterOutput,
  PsCmdletError,
  type PsOutput,
  resourceOutput,
  verifyGroup,
} from './powershell-cluster.js';
import { runBackupFileScript } from './powershell-backup-files.js';
import { writePsError } from './powershell-errors.js';
import { parseInteropScript, runInteropScript } from './powershell-sso-interop.js';
import { parseLeaseScript, runLeaseScript } from './powershell-lease.js';
import {
  countBackupFiles,
  DEPENDENTS_NOT_RUNNING,
  listDependentsNotRunning,
  listRunningDependents,
  RUNNING_DEPENDENTS,
  parseServiceScript,
  runServiceScript,
} from './powershell-services.js';
import { done, type ToolContext, type ToolOutcome } from './tool-context.js';

/** How long the cluster cmdlets wait for a resource to come online (lab time) before returning Pending. */
const ONLINE_WAIT_MS = 300_000;

const HOST_FLAGS = new Set(['-noprofile', '-noninteractive', '-nologo']);

/** powershell -NoProfile -Command "<pipeline>": the FailoverClusters pipelines a clustered-MSS runbook runs. */
export function powershellTool(ctx: ToolContext): ToolOutcome {
  const at = ctx.args.findIndex((a) => /^-c(ommand)?$/i.test(a));
  const flags = at < 0 ? ctx.args : ctx.args.slice(0, at);
  const script =
    at < 0
      ? ''
      : ctx.args
          .slice(at + 1)
          .join(' ')
          .trim();
  const badFlag = flags.find((f) => !HOST_FLAGS.has(f.toLowerCase()));
  if (badFlag !== undefined || script === '') {
    ctx.out.errLine(
      badFlag === undefined
        ? 'The lab runs PowerShell commands only: powershell -NoProfile -Command "<pipeline>".'
        : `The argument '${badFlag}' is not recognized as the name of a script file. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
    );
    return done(badFlag === undefined ? 1 : 64);
  }
  const lease = parseLeaseScript(script);
  if (lease) return runLeaseScript(ctx, lease);
  const interop = parseInteropScript(script);
  if (interop) return runInteropScript(ctx, interop);
  const backups = countBackupFiles(ctx, script) ?? runBackupFileScript(ctx, script);
  if (backups) return backups;
  if (script === DEPENDENTS_NOT_RUNNING) return listDependentsNotRunning(ctx);
  if (script === RUNNING_DEPENDENTS) return listRunningDependents(ctx);
  const service = parseServiceScript(script);
  if (service) return runServiceScript(ctx, service);
  const parsed = parsePipeline(script);
  if (!parsed.ok) return writePsError(ctx, script, parsed.text, parsed.message, 'ParserError');
  const cluster = readCluster(ctx.db);
  const [first, ...rest] = parsed.commands;
  // the FailoverClusters module is installed on the cluster nodes only
  if (!cluster || !isClusterNode(cluster, ctx.host.name)) return notRecognized(ctx, script, first!);
  try {
    return runPipeline(ctx, cluster, script, first!, rest);
  } catch (error) {
    if (!(error instanceof PsCmdletError)) throw error;
    const segment = parsed.commands.find((c) => c.name.toLowerCase() === error.cmdlet.toLowerCase());
    return writePsError(
      ctx,
      script,
      segment?.text ?? first!.text,
      error.message,
      error.category,
      error.cmdlet,
    );
  }
}

function notRecognized(ctx: ToolContext, script: string, command: PsCommand): ToolOutcome {
  return writePsError(
    ctx,
    script,
    command.text,
    `The term '${command.name}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
    'CommandNotFound',
  );
}

const arg = (c: PsCommand, name: string) => c.params[name.toLowerCase()] ?? c.positional[0];

function runPipeline(
  ctx: ToolContext,
  cluster: LabCluster,
  script: string,
  first: PsCommand,
  rest: PsCommand[],
): ToolOutcome {
  const format =
    rest.length > 0 && /^(format-(list|table)|fl|ft)$/i.test(rest.at(-1)!.name) ? rest.pop() : undefined;
  const cmdlet = first.name.toLowerCase();
  const name = arg(first, cmdlet === 'get-clusterresourcedependency' ? 'resource' : 'name') ?? '';
  let output: PsOutput;
  if (cmdlet === 'get-clustergroup') {
    verifyGroup(cluster, first.name, name);
    output = groupOutput(ctx.db, cluster);
  } else if (cmdlet === 'get-clusterresource') {
    output = resourceOutput(ctx.db, cluster, first.name, name);
    const param = rest[0]?.name.toLowerCase() === 'get-clusterparameter' ? rest.shift()! : undefined;
    if (param) output = parameterOutput(ctx.db, cluster, name, listValue(arg(param, 'name')));
  } else if (cmdlet === 'get-clusterresourcedependency') {
    output = dependencyOutput(ctx.db, cluster, name);
  } else if (ACTIONS[cmdlet] && rest.length === 0) {
    return ACTIONS[cmdlet]!(ctx, cluster, first, (next) =>
      print(next, finalOutput(next, cmdlet, name), format),
    );
  } else return notRecognized(ctx, script, first);
  if (rest.length > 0) return notRecognized(ctx, script, rest[0]!);
  return print(ctx, output, format);
}

function print(ctx: ToolContext, output: PsOutput, format: PsCommand | undefined): ToolOutcome {
  const list = format && /^(format-list|fl)$/i.test(format.name);
  const wanted = format ? listValue(format.params.property ?? format.positional.join(',')) : output.columns;
  const lines = list ? formatList(output.objects, wanted) : formatTable(output.objects, wanted);
  for (const line of lines) ctx.out.line(line);
  return done(0);
}

function finalOutput(ctx: ToolContext, cmdlet: string, name: string): PsOutput {
  saveServer(ctx.db, ctx.host);
  const cluster = readCluster(ctx.db)!;
  return cmdlet.endsWith('clustergroup')
    ? groupOutput(ctx.db, cluster)
    : resourceOutput(ctx.db, cluster, cmdlet, name);
}

type Action = (
  ctx: ToolContext,
  cluster: LabCluster,
  command: PsCommand,
  finish: (ctx: ToolContext) => ToolOutcome,
) => ToolOutcome;

const scopeOf = (ctx: ToolContext): ClusterScope => ({
  db: ctx.db,
  meta: ctx.meta,
  now: ctx.now,
  self: ctx.host,
});

/** Online actions wait (lab time) for ENTSSO to finish starting under the cluster, like the cmdlets do. */
function awaitOnline(
  ctx: ToolContext,
  cmdlet: string,
  deadline: number,
  finish: (c: ToolContext) => ToolOutcome,
  again: (c: ToolContext) => ToolOutcome,
): ToolOutcome {
  // the cluster's view reads every node from the lab, this one included: store what the action changed
  saveServer(ctx.db, ctx.host);
  const cluster = readCluster(ctx.db)!;
  const sso = listClusterResources(ctx.db, cluster).find((r) => r.ResourceType === 'Generic Service')!;
  const owner = sameHost(cluster.ownerNode, ctx.host.name) ? ctx.host : findServer(ctx.db, cluster.ownerNode);
  const doneAt = owner?.entsso?.startDoneAt;
  if (sso.State === 'OnlinePending' && doneAt !== undefined && ctx.now < deadline)
    return {
      waitUntil: Math.min(doneAt, deadline),
      resume: again,
    };
  if (sso.State === 'Failed') {
    logEvent(ctx.db, cluster.ownerNode, ctx.now, clusterEvents.resourceFailed(sso.Name, cluster.group));
    throw new PsCmdletError(
      cmdlet,
      `An error occurred while bringing resource '${sso.Name}' online.\r\n    The cluster resource could not be brought online by the resource monitor`,
      'OperationStopped',
    );
  }
  if (sso.State === 'Online')
    logEvent(ctx.db, cluster.ownerNode, ctx.now, clusterEvents.online(cluster.group));
  return finish(ctx);
}

/** Errors thrown while waiting surface as PowerShell errors too. */
function settle(ctx: ToolContext, command: PsCommand, finish: (c: ToolContext) => ToolOutcome): ToolOutcome {
  const cmdlet = command.name;
  const deadline = ctx.now + ONLINE_WAIT_MS;
  const guarded = (c: ToolContext): ToolOutcome => {
    try {
      return awaitOnline(c, cmdlet, deadline, finish, guarded);
    } catch (error) {
      if (!(error instanceof PsCmdletError)) throw error;
      // an action is the whole pipeline: its text is the script the error points into
      return writePsError(c, command.text, command.text, error.message, error.category, error.cmdlet);
    }
  };
  return guarded(ctx);
}

const ACTIONS: Record<string, Action> = {
  'move-clustergroup': (ctx, cluster, command, finish) => {
    verifyGroup(cluster, command.name, arg(command, 'name') ?? '');
    const node = command.params.node ?? command.positional[1] ?? '';
    const target = cluster.nodes.find((n) => sameHost(n, node));
    if (!target)
      throw new PsCmdletError(
        command.name,
        `The cluster node '${node}' could not be found.`,
        'ObjectNotFound',
      );
    if (!findServer(ctx.db, target)?.reachable)
      throw new PsCmdletError(
        command.name,
        `An error occurred while moving the clustered role '${cluster.group}'.\r\n    The cluster node is down`,
        'ConnectionError',
      );
    moveClusterGroup(scopeOf(ctx), cluster, target);
    return settle(ctx, command, finish);
  },
  'start-clustergroup': (ctx, cluster, command, finish) => {
    verifyGroup(cluster, command.name, arg(command, 'name') ?? '');
    bringSsoOnline(scopeOf(ctx), cluster);
    return settle(ctx, command, finish);
  },
  'stop-clustergroup': (ctx, cluster, command, finish) => {
    verifyGroup(cluster, command.name, arg(command, 'name') ?? '');
    takeSsoOffline(scopeOf(ctx), cluster);
    writeCluster(ctx.db, { ...cluster, groupOnline: false });
    logEvent(ctx.db, cluster.ownerNode, ctx.now, clusterEvents.offline(cluster.group));
    return finish(ctx);
  },
  'start-clusterresource': (ctx, cluster, command, finish) => {
    const resource = findResource(ctx.db, cluster, command.name, arg(command, 'name') ?? '');
    if (resource.ResourceType !== 'Generic Service') {
      writeCluster(ctx.db, { ...cluster, groupOnline: true });
      return finish(ctx);
    }
    bringSsoOnline(scopeOf(ctx), cluster);
    return settle(ctx, command, finish);
  },
  'stop-clusterresource': (ctx, cluster, command, finish) => {
    const resource = findResource(ctx.db, cluster, command.name, arg(command, 'name') ?? '');
    takeSsoOffline(scopeOf(ctx), cluster);
    // the network name and the IP address take their dependants (the SSO resource) offline with them
    if (resource.ResourceType !== 'Generic Service') writeCluster(ctx.db, { ...cluster, groupOnline: false });
    return finish(ctx);
  },
};
