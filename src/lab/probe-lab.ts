import { compilePattern } from '../runbook/pattern.js';
import type { Probe, ProbeResult } from '../engine/ports.js';
import { advanceLab } from './advance-lab.js';
import { canReachSqlHost } from './services/entsso-service.js';
import { queryEvents } from './services/event-log.js';
import { inLabTransaction, type LabDb, withLabDb } from './store/lab-db.js';
import { readHostFile } from './store/lab-fs.js';
import { wallTimeAt } from './store/lab-meta.js';
import type { LabMeta, LabServer } from './lab-types.js';
import { sha256Hex } from './secrets/master-secret.js';
import { regKeyExists } from './store/registry-store.js';
import { canReachRpc } from './secrets/secret-server.js';
import { findServer, requireServer } from './store/server-store.js';
import { findHostService, serviceStateOf } from './tools/host-services.js';

type ProbeContext = { db: LabDb; meta: LabMeta; now: number; host: LabServer };

const timeOfDay = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/**
 * A moment as the operator's clock shows it (the run's header, the report), with the lab's own time as a
 * labelled extra when the lab runs faster than real time: `13:00:34 (lab time 13:30:34)`.
 */
function clock(c: ProbeContext, labMs: number): string {
  if (c.meta.timeScale === 1) return timeOfDay(labMs);
  return `${timeOfDay(wallTimeAt(c.meta, labMs))} (lab time ${timeOfDay(labMs)})`;
}

/** An age in real seconds, with the lab's seconds as a labelled extra when the lab runs faster. */
function age(c: ProbeContext, labSec: number): string {
  if (c.meta.timeScale === 1) return `${labSec} s old`;
  return `${Math.round(labSec / c.meta.timeScale)} s old (lab time ${labSec} s)`;
}
const result = (ok: boolean, observed: string): ProbeResult => ({ ok, observed });

function probeService(c: ProbeContext, probe: Extract<Probe, { kind: 'service' }>): ProbeResult {
  const state = serviceStateOf(c.host, findHostService(c.host, probe.name));
  const label = probe.name.toUpperCase() === 'ENTSSO' ? 'ENTSSO' : probe.name;
  return result(
    state === probe.state,
    state === 'missing'
      ? `${label} is not installed on ${c.host.name}`
      : `${label} on ${c.host.name} is ${state}`,
  );
}

function probeFile(c: ProbeContext, probe: Extract<Probe, { kind: 'file' }>): ProbeResult {
  const file = readHostFile(c.db, c.host.name, probe.path);
  if (!file) return result(!probe.exists, `${probe.path} does not exist on ${c.host.name}`);
  const ageSec = Math.max(0, Math.round((c.now - file.mtime) / 1000));
  const hash = sha256Hex(file.content);
  const fresh = probe.maxAgeSec === undefined || ageSec <= probe.maxAgeSec;
  const same = probe.sha256 === undefined || probe.sha256.toLowerCase() === hash;
  const observed = `${file.path} exists on ${c.host.name} (${file.content.length} bytes, ${age(c, ageSec)}, sha256 ${hash.slice(0, 12)}…)`;
  return result(probe.exists && fresh && same, observed);
}

function portOpen(c: ProbeContext, target: LabServer, port: number): boolean {
  if (target.kind === 'sql')
    return port === 1433
      ? canReachSqlHost(c.db, c.meta, c.host, target.name)
      : target.reachable && port === 445;
  if (port === 135) return canReachRpc(c.host, target);
  return target.reachable && [445, 3389, 5985].includes(port);
}

function probePort(c: ProbeContext, probe: Extract<Probe, { kind: 'port' }>): ProbeResult {
  const target = findServer(c.db, probe.host);
  const open = target !== undefined && portOpen(c, target, probe.port);
  const why = !target
    ? ` (no host ${probe.host})`
    : !target.reachable
      ? ` (${target.name} is ${target.unreachableReason ?? 'unreachable'})`
      : '';
  return result(
    open,
    `${probe.host}:${probe.port} is ${open ? 'reachable' : 'not reachable'} from ${c.host.name}${why}`,
  );
}

function probeEvent(c: ProbeContext, probe: Extract<Probe, { kind: 'event' }>): ProbeResult {
  const pattern =
    probe.message === undefined ? undefined : compilePattern(probe.message, { ignoreCase: true });
  const events = queryEvents(c.db, c.host.name, {
    ids: probe.ids,
    source: probe.source,
    sinceMs: probe.sinceMs,
    newestFirst: true,
  });
  const match = events.find((e) => !pattern || pattern.test(e.message));
  const ids = probe.ids.join('/');
  if (!match)
    return result(
      !probe.present,
      `no event ${ids} from ${probe.source} on ${c.host.name} since ${clock(c, probe.sinceMs)}`,
    );
  const first = match.message.split('\r\n')[0];
  return result(
    probe.present,
    `event ${match.eventId} (${match.source}) on ${c.host.name} at ${clock(c, match.time)}: ${first}`,
  );
}

function probeRegistry(c: ProbeContext, probe: Extract<Probe, { kind: 'registry' }>): ProbeResult {
  const exists = regKeyExists(c.db, c.host.name, probe.key);
  return result(
    exists === probe.exists,
    `${probe.key} ${exists ? 'exists' : 'does not exist'} on ${c.host.name}`,
  );
}

/** Answers a typed probe from the model, at lab-now. Event `sinceMs` is lab time. */
export function probeLab(dir: string, host: string, probe: Probe): ProbeResult {
  return withLabDb(dir, (db) => {
    requireServer(db, host);
    return inLabTransaction(db, () => {
      const { meta, now } = advanceLab(db);
      const c: ProbeContext = { db, meta, now, host: requireServer(db, host) };
      if (!c.host.reachable)
        return result(false, `${c.host.name} is unreachable (${c.host.unreachableReason ?? 'no route'})`);
      if (probe.kind === 'service') return probeService(c, probe);
      if (probe.kind === 'file') return probeFile(c, probe);
      if (probe.kind === 'port') return probePort(c, probe);
      if (probe.kind === 'event') return probeEvent(c, probe);
      return probeRegistry(c, probe);
    });
  });
}
