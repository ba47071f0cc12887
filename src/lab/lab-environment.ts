import { writePrivateFile } from '../private-file.js';
import { join } from 'node:path';
import { yamlLibrary } from '../runbook/yaml-library.js';
import type { LabCluster } from './cluster/lab-cluster.js';

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
      ...(input.cluster
        ? {
            ssoClusterName: input.cluster.networkName,
            ssoClusterGroup: input.cluster.group,
            ssoClusterResource: input.cluster.ssoResource,
          }
        : {}),
    },
    lab: { dir: input.dir, timeScale: input.timeScale, epochMs: input.epochMs },
  };
  const path = join(input.into ?? input.dir, ENVIRONMENT_FILE);
  writePrivateFile(path, yamlLibrary().stringify(environment));
  return path;
}
