import { readCommandLogRows } from '../store/command-log.js';
import { queryEvents } from '../services/event-log.js';
import { criterion, type Grade, type LabCriterion } from './grade-criteria.js';
import { sameHost } from '../store/server-store.js';
import { switchName } from '../tools/tool-context.js';
import { toolBaseName } from '../tools/lab-tools.js';

/** Routine runbooks leave the master secret server where it was. */
export function mssUnchanged(g: Grade): LabCriterion {
  const ok = sameHost(g.global.secretServer, g.meta.originalMss);
  return criterion(
    'mss-unchanged',
    ok,
    ok
      ? `SSODB still names ${g.meta.originalMss}`
      : `SSODB now names ${g.global.secretServer}, not ${g.meta.originalMss}`,
  );
}

/** A planned move names another server in SSODB. */
export function mssMoved(g: Grade): LabCriterion {
  const ok = !sameHost(g.global.secretServer, g.meta.originalMss);
  return criterion(
    'mss-moved',
    ok,
    ok
      ? `SSODB names ${g.global.secretServer} instead of ${g.meta.originalMss}`
      : `SSODB still names ${g.meta.originalMss} (ssomanage -updatedb on the original MSS)`,
  );
}

/**
 * After a restore, ENTSSO on the MSS was restarted and loaded the secret from its own registry:
 * the proof that SSOSS is readable by the service account (no 10565/10521; reference F13).
 */
export function mssRestartedCleanly(g: Grade): LabCriterion {
  const host = g.global.secretServer;
  const last = (ids: number[]) => queryEvents(g.db, host, { ids, newestFirst: true, limit: 1 })[0];
  const restored = last([10523]);
  const started = last([10534]);
  const broken = last([10521, 10565]);
  const ok =
    restored !== undefined &&
    started !== undefined &&
    started.id > restored.id &&
    (broken === undefined || broken.id < started.id);
  const detail = !restored
    ? `no restore (10523) on ${host}`
    : ok
      ? `ENTSSO on ${host} restarted after the restore and loaded the secret from SSOSS`
      : started && started.id > restored.id
        ? `ENTSSO on ${host} could not read SSOSS after its restart (10565/10521)`
        : `ENTSSO on ${host} was not restarted after the restore (net stop entsso, sc start entsso)`;
  return criterion('mss-restarted-cleanly', ok, detail);
}

const CHANGING_SWITCHES = new Set([
  'updatedb',
  'restoresecret',
  'backupsecret',
  'generatesecret',
  'server',
  'serverall',
  'setcredentials',
]);

function changes(argv: string[]): boolean {
  const tool = toolBaseName(argv[0] ?? '');
  const verb = (argv[1] ?? '').toLowerCase();
  if (tool === 'ssomanage' || tool === 'ssoconfig') return CHANGING_SWITCHES.has(switchName(argv[1]));
  if (tool === 'net') return ['start', 'stop', 'pause', 'continue'].includes(verb);
  if (tool === 'sc') return ['start', 'stop', 'config'].includes(verb);
  return tool === 'robocopy';
}

/**
 * A health check or review changes nothing; the one write it may do is the confirmed smoke test
 * (ssomanage -setcredentials into the writeTestApp application).
 */
export function readOnly(g: Grade, writeTestApp: string | undefined): LabCriterion {
  const changing = readCommandLogRows(g.db).filter((entry) => {
    const robocopy = toolBaseName(entry.argv[0] ?? '') === 'robocopy';
    // a command that failed changed nothing (robocopy: 1-7 mean success)
    const succeeded = entry.exitCode === 0 || (robocopy && entry.exitCode !== null && entry.exitCode < 8);
    if (!succeeded) return false;
    if (entry.kind === 'write') return true;
    if (!changes(entry.argv)) return false;
    const isWriteTest =
      switchName(entry.argv[1]) === 'setcredentials' &&
      writeTestApp !== undefined &&
      entry.argv[3]?.toLowerCase() === writeTestApp.toLowerCase();
    return !isWriteTest;
  });
  return criterion(
    'read-only',
    changing.length === 0,
    changing.length === 0
      ? `no command changed the deployment${writeTestApp ? ` (apart from the write test into ${writeTestApp})` : ''}`
      : `changed: ${changing.map((e) => `${e.host}: ${e.argv.join(' ')}`).join('; ')}`,
  );
}
