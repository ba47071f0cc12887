import { z } from 'zod';
import { ApprovalPolicySchema } from './approval-policy.js';
import { NotifySchema } from './notify-schema.js';

const hostName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$/, 'host names are letters, digits, dots and dashes');

/** How one host is reached. */
export const HostTransportSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('local') }),
  z.strictObject({ type: z.literal('lab') }),
  z.strictObject({
    type: z.literal('ssh'),
    address: z.string().min(1).optional(),
    user: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    identity: z.string().min(1).optional(),
    jump: z.string().min(1).optional(),
    shell: z.enum(['powershell', 'cmd', 'posix']).default('powershell'),
    /** known_hosts file the host key is checked against (default: the ssh client's own) */
    knownHosts: z.string().min(1).optional(),
    /** the host is a lab server reached over ssh: commands and probes go through the lab CLI over there */
    lab: z
      .strictObject({
        /** the lab folder on the remote side */
        dir: z.string().min(1),
        /** how the CLI is started over there */
        command: z.array(z.string().min(1)).min(1).default(['sso-failover']),
      })
      .optional(),
  }),
  z.strictObject({
    type: z.literal('winrm'),
    address: z.string().min(1).optional(),
    useSsl: z.boolean().default(false),
  }),
]);

export const HostSchema = z.strictObject({
  /** e.g. sso-server, mss, biztalk, sql */
  roles: z.array(z.string().min(1)).default([]),
  transport: HostTransportSchema.default({ type: 'local' }),
  description: z.string().optional(),
  /** this host's own values, used as {{server.port}} in a forEach step (`as: server`) */
  vars: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), z.string()).optional(),
});

/** What an environment's runs (approvals) and `readiness` (backups, drills) are held to; each field has its default. */
export const ReadinessPolicySchema = z.strictObject({
  /** the newest master secret backup may be at most this old (Microsoft: back up "once a month") */
  backupMaxAgeDays: z.number().positive().max(3650).default(31),
  /** the last passing drill of each failover runbook may be at most this old */
  drillMaxAgeDays: z.number().positive().max(3650).default(90),
  /** backups kept in the off-box folder; schedule-master-secret-backup deletes older ones */
  backupKeep: z.number().int().min(1).max(1000).default(4),
  /** the runbooks whose drills readiness and run/drill look at (default: the shipped failover runbooks for this topology) */
  drillRunbooks: z.array(z.string().min(1)).optional(),
  /** rules a run must keep: `approvals.destructive: 2` — a second person approves every destructive action */
  approvals: ApprovalPolicySchema.optional(),
});

/** Which hosts exist, what they are, how each is reached, and environment-wide variables. */
export const EnvironmentSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  /** a practice environment: runs against it are labelled drills */
  drill: z.boolean().default(false),
  hosts: z.record(hostName, HostSchema),
  /** values runbooks use as {{name}} (ssoToolDir, sqlServer, ssoDb, currentMss, ...) */
  vars: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), z.string()).default({}),
  /**
   * A folder every operator's machine reaches (a share such as //fs01/ops/sso-failover): the
   * environment's lock lives there, so two operators on two jump hosts cannot both run a failover.
   */
  lockDir: z.string().min(1).optional(),
  /** the two-person rule and what `readiness` holds the environment to (defaults when absent) */
  policy: ReadinessPolicySchema.optional(),
  /** where the master secret backups are kept and who can open them (readiness, schedule-master-secret-backup) */
  backup: z
    .strictObject({
      /** the copy off the master secret server: a share or removable media on this host, in this folder */
      offBox: z.strictObject({ host: hostName, folder: z.string().min(1) }),
      /** who holds the backup password: a role or where its sealed envelope is kept (never the password) */
      passwordHolder: z.string().min(1),
    })
    .optional(),
  /** webhooks told about the run (Teams / Slack): started, steps, waiting for the operator, finished */
  notify: NotifySchema.optional(),
  /** set when hosts use the lab transport */
  lab: z
    .strictObject({
      dir: z.string().min(1),
      /** lab seconds per real second */
      timeScale: z.number().min(0.001).max(100_000).default(1),
      /** real epoch ms at which lab time and real time coincide: labNow = epochMs + (Date.now() - epochMs) * timeScale */
      epochMs: z.number().optional(),
      /** simulated network round trip per lab command (in-process lab transport), for pre-flight practice and benchmarks */
      latencyMs: z.number().int().min(0).default(0),
    })
    .optional(),
});

export type Environment = z.infer<typeof EnvironmentSchema>;
export type ReadinessPolicy = z.infer<typeof ReadinessPolicySchema>;
export type EnvironmentHost = z.infer<typeof HostSchema>;
export type HostTransport = z.infer<typeof HostTransportSchema>;
