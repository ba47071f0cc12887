import { writePrivateFile } from '../private-file.js';
import { join } from 'node:path';
import { yamlLibrary } from '../runbook/yaml-library.js';
import type { LabCluster } from './cluster/lab-cluster.js';
import { LAB_OFF_BOX_FOLDER } from './secrets/off-box-copy.js';
import { BIZTALK_DEPENDENTS, BTS_SERVICE } from './tools/host-services.js';

export const ENVIRONMENT_FILE = 'environment.yaml';
export const SSO_TOOL_DIR = 'C:\\Program Files\\Common Files\\Enterprise Single Sign-On';
/** The affiliate application the lab keeps for smoke tests: the runbooks' write (encryption) test. */
export const LAB_WRITE_TEST_APP = 'SAP_Orders';

export type LabEnvironmentInput = {
  /** the folder to write environment.yaml into, when not `dir` (a lab being built in a staging folder) */
  into?: string;
  dir: string;
  servers: string[];
  mss: string;
  sqlHost: string;
  domain: string;
  backupPath: string;
  timeScale: number;
  epochMs: number;
  cluster?: LabCluster | undefined;
  /** the disaster-recovery site: its SQL Server, its SSO servers (the first is its MSS) and the backup share */
  dr?: { sqlHost: string; servers: string[]; mss: string; backupShare: string };
  /** the server rebuilt from scratch that joins the SSO system */
  rebuilt?: string;
  /** policy.approvals.destructive: practise the two-person rule */
  approvals?: number;
};

/** Writes D/environment.yaml in the format of src/runbook/environment-schema.ts. */
export function writeLabEnvironment(input: LabEnvironmentInput): string {
  const hosts: Record<string, unknown> = {};
  for (const name of input.servers) {
    if (input.cluster?.nodes.includes(name)) {
      hosts[name] = {
        roles: ['sso-server', 'mss-node'],
        transport: { type: 'lab' },
        description: `node of the SSO cluster ${input.cluster.networkName} (lab)`,
      };
      continue;
    }
    const mss = name === input.mss;
    if (name === input.rebuilt) {
      hosts[name] = {
        roles: ['sso-server', 'rebuilt-server'],
        transport: { type: 'lab' },
        description: 'server rebuilt from scratch, ENTSSO installed and joined (lab)',
      };
      continue;
    }
    hosts[name] = {
      roles: ['sso-server', mss ? 'mss' : 'biztalk'],
      transport: { type: 'lab' },
      description: mss ? 'master secret server (lab)' : 'BizTalk runtime server with ENTSSO (lab)',
    };
  }
  hosts[input.sqlHost] = {
    roles: ['sql'],
    transport: { type: 'lab' },
    description: 'SQL Server hosting SSODB (lab)',
  };
  for (const name of input.dr?.servers ?? []) {
    const drMss = name === input.dr!.mss;
    hosts[name] = {
      roles: ['dr-sso-server', drMss ? 'dr-mss' : 'dr-biztalk'],
      transport: { type: 'lab' },
      description: drMss
        ? 'DR site: the master secret server to be (lab)'
        : 'DR site: BizTalk runtime server (lab)',
    };
  }
  if (input.dr)
    hosts[input.dr.sqlHost] = {
      roles: ['dr-sql'],
      transport: { type: 'lab' },
      description: 'DR site: destination SQL Server of BizTalk log shipping (lab)',
    };
  const environment = {
    name: 'lab',
    description: 'Simulated ENTSSO deployment (sso-failover lab)',
    drill: true,
    hosts,
    vars: {
      ssoToolDir: SSO_TOOL_DIR,
      sqlServer: input.sqlHost,
      ssoDb: 'SSODB',
      currentMss: input.mss,
      backupFile: input.backupPath,
      workDir: 'C:\\SSOFailover',
      // workDir as another server reaches it: its admin share (robocopy \\HOST\C$\SSOFailover ...)
      workDirShare: 'C$\\SSOFailover',
      domain: input.domain,
      hostInstanceService: 'BTSSvc$BizTalkServerApplication',
      // an affiliate application kept for smoke tests: the runbooks' write (encryption) test
      writeTestApp: LAB_WRITE_TEST_APP,
      writeTestAccount: `${input.domain}\\svc-drill`,
      // schedule-master-secret-backup's task: the lab's operator account, and where its answers file would be
      backupTaskAccount: `${input.domain}\\bts-operator`,
      backupTaskAnswers: 'C:\\SSOFailover\\schedule-backup.answers.yaml',
      ...(input.dr
        ? {
            drSqlServer: input.dr.sqlHost,
            drMss: input.dr.mss,
            backupShare: input.dr.backupShare,
            // the BizTalk services of a DR BizTalk server, started once ENTSSO has the secret
            drBizTalkServices: [BTS_SERVICE.name, ...Object.keys(BIZTALK_DEPENDENTS)].join(','),
          }
        : {}),
      ...(input.cluster
        ? {
            ssoClusterName: input.cluster.networkName,
            ssoClusterGroup: input.cluster.group,
            ssoClusterResource: input.cluster.ssoResource,
          }
        : {}),
    },
    // readiness and schedule-master-secret-backup: the safe off the MSS, and who can open the backup
    backup: {
      offBox: { host: input.sqlHost, folder: LAB_OFF_BOX_FOLDER },
      passwordHolder: `the lab's sealed envelope (${join(input.dir, 'sealed-envelope.txt')})`,
    },
    ...(input.approvals && input.approvals > 1
      ? { policy: { approvals: { destructive: input.approvals } } }
      : {}),
    lab: { dir: input.dir, timeScale: input.timeScale, epochMs: input.epochMs },
  };
  const path = join(input.into ?? input.dir, ENVIRONMENT_FILE);
  writePrivateFile(path, yamlLibrary().stringify(environment));
  return path;
}
