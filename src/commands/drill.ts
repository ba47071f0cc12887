import { join, resolve } from 'node:path';
import { parseTimeScale } from './parse-time-scale.js';
import { parseApprovals } from './parse-approvals.js';
import { createAutopilotApprover } from '../operator/autopilot-approver.js';
import { InvalidInputError } from '../errors.js';
import { resolveStateDir } from '../journal/state-dir.js';
import { createChalk } from '../operator/format-message.js';
import { loadEnvironment } from '../runbook/load-environment.js';
import { hostsWithRole } from '../runbook/hosts-with-role.js';
import { loadRunbook } from '../runbook/load-runbook.js';
import { quotePosix, quoteWindows } from '../transports/quote.js';
import { cliCommandLine } from '../session/cli-invocation.js';
import { createLabAutopilot } from '../drill/lab-autopilot.js';
import { executeRun, type OperatorFactory, type RunDecorator } from '../session/execute-run.js';
import { gradeDrill } from '../drill/grade-drill.js';
import { createDrillTransport, parseLabTransport } from '../drill/lab-transport-option.js';
import { loadLab } from '../drill/load-lab.js';
import { chooseOperator } from './run.js';

export type DrillOptions = {
  fault: string[];
  runbook: string;
  labDir?: string;
  stateDir?: string;
  autopilot?: boolean;
  answers?: string;
  timeScale: string;
  json?: boolean;
  labTransport?: string;
  approvals?: string;
};

/** A practice failover: a fresh lab, the runbook against it, then the lab's grade. */
export async function drillCommand(options: DrillOptions, decorate?: RunDecorator): Promise<number> {
  const loaded = loadRunbook(options.runbook);
  // The lab simulates an ENTSSO deployment: a runbook that names no lab scenario has nothing to practise on.
  if (!loaded.runbook.drill)
    throw new InvalidInputError(
      `runbook ${loaded.runbook.id} has no lab scenario (no drill: block), and the lab simulates only ENTSSO; rehearse it with \`sso-failover run\` against a test environment instead.`,
    );
  const timeScale = parseTimeScale(options.timeScale);
  const approvals = parseApprovals(options.approvals);
  const labTransport = parseLabTransport(options.labTransport, 'in-process');
  const interactive = !options.autopilot && !options.answers;
  // Refuse before creating anything when nobody can answer, or the answers file lacks answers.
  const given = options.autopilot
    ? undefined
    : await chooseOperator(options.answers ? { answers: options.answers } : {}, loaded.runbook, {
        drill: true,
      });
  const lab = await loadLab();
  const stateDir = resolveStateDir(options.stateDir);
  const labDir = options.labDir ?? join(stateDir, 'labs', new Date().toISOString().replace(/[:.]/g, '-'));
  const faults = options.fault.length > 0 ? options.fault : loaded.runbook.drill.faults;
  const summary = openOrCreateLab(
    lab,
    labDir,
    options.fault.length > 0 ? faults : undefined,
    faults,
    timeScale,
    approvals,
  );
  const environment = loadEnvironment(summary.environmentPath);
  const envelope = lab.readSealedEnvelope(labDir);
  const status = lab.readLabStatus(labDir);
  const mssLost = status.servers.some((s) => s.name === summary.mss && !s.reachable);
  printIntro({ ...summary, mssLost, cluster: status.cluster }, interactive);
  const autopilot = options.autopilot ? createLabAutopilot(lab, loaded.runbook, environment) : undefined;
  const createOperator: OperatorFactory = autopilot?.createOperator ?? given!;
  const knownSecrets = autopilot?.knownSecrets ?? [
    envelope.password,
    ...(envelope.correctedPassword ? [envelope.correctedPassword] : []),
  ];
  const transport = createDrillTransport(lab, environment, labTransport);
  const run = await executeRun({
    ...(transport ? { transport } : {}),
    loaded,
    environment,
    environmentFile: summary.environmentPath,
    vars: {},
    createOperator,
    stateDir,
    knownSecrets,
    ...(autopilot ? { approver: createAutopilotApprover() } : {}),
    resumeWith: {
      ...(options.autopilot ? { autopilot: true } : {}),
      ...(options.labTransport ? { labTransport: options.labTransport } : {}),
    },
    deferReportPaths: true,
    ...(decorate ? { decorate } : {}),
  });
  return gradeDrill(lab, labDir, run, { json: options.json === true, runbookId: loaded.runbook.id });
}

type LabSummary = {
  dir: string;
  mss: string;
  servers: string[];
  faults: readonly string[];
  envelopePath: string;
  environmentPath: string;
  timeScale: number;
};

/** A new lab, or the one already in --lab-dir (prepared with `lab init`, e.g. to know its password beforehand). */
function openOrCreateLab(
  lab: Awaited<ReturnType<typeof loadLab>>,
  dir: string,
  asked: string[] | undefined,
  faults: string[],
  timeScale: number,
  approvals: number | undefined,
): LabSummary {
  if (!lab.hasLab(dir))
    return lab.initLab({ dir, faults, timeScale, ...(approvals !== undefined ? { approvals } : {}) });
  if (approvals !== undefined)
    throw new InvalidInputError(
      `${dir} already holds a lab, whose policy was chosen at \`lab init\`; drop --approvals, or use a new --lab-dir.`,
    );
  if (asked)
    throw new InvalidInputError(
      `${dir} already holds a lab, whose faults were chosen at \`lab init\`; drop --fault, or use a new --lab-dir.`,
    );
  const environmentPath = join(dir, lab.ENVIRONMENT_FILE);
  const environment = loadEnvironment(environmentPath);
  const servers = hostsWithRole(environment, 'sso-server');
  return {
    dir,
    mss: environment.vars.currentMss ?? servers[0]!,
    servers,
    faults: lab.readLabStatus(dir).faults,
    envelopePath: join(dir, lab.ENVELOPE_FILE),
    environmentPath,
    timeScale: environment.lab?.timeScale ?? timeScale,
  };
}

function printIntro(
  summary: {
    mss: string;
    servers: string[];
    faults: readonly string[];
    dir: string;
    envelopePath: string;
    timeScale: number;
    mssLost: boolean;
    cluster?:
      | { networkName: string; group: string; nodes: string[]; ownerNode: string; state: string }
      | undefined;
  },
  interactive: boolean,
): void {
  const c = createChalk(process.stdout);
  const others = summary.servers.filter((s) => s !== summary.mss).join(', ');
  const cluster = summary.cluster;
  const lines = [
    c.bold.magenta('DRILL — practice on a simulated ENTSSO deployment. Nothing real is touched.'),
    cluster
      ? `Scenario: a clustered MSS — SSODB names ${cluster.networkName}; group ${cluster.group} on nodes ${cluster.nodes.join(', ')} is owned by ${cluster.ownerNode} and ${cluster.state}.`
      : summary.mssLost
        ? `Scenario: the master secret server ${summary.mss} has gone down. ${others} keep running on the secret they cached.`
        : `Scenario: ${summary.mss} is the master secret server; ${others} are the other SSO servers.`,
    `Faults injected: ${summary.faults.join(', ')} · lab time runs ${summary.timeScale}× faster · lab: ${summary.dir}`,
  ];
  if (interactive) {
    // A command on a line of its own, for the operator's shell, so it can be copied whole.
    const show =
      process.platform === 'win32'
        ? ['type', resolve(summary.envelopePath)]
        : ['cat', resolve(summary.envelopePath)];
    lines.push(
      "The backup's password is in the sealed envelope; open it when the runbook asks for it:",
      `    ${process.platform === 'win32' ? quoteWindows(show) : quotePosix(show)}`,
    );
    const host = summary.servers.find((s) => s !== summary.mss) ?? summary.mss;
    lines.push(
      'Look around by hand in another terminal, from this folder:',
      `    ${cliCommandLine(['lab', 'exec', '--dir', resolve(summary.dir), '--host', host, '--', 'ssomanage', '-displaydb'])}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
