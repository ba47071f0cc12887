import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initLab, probeLab, readLabStatus, readSealedEnvelope, verifyLab } from '../../src/lab/index.js';
import { createTestLab, LAB_MODES, sleep, tempDir } from './lab-test-kit.js';

const ps = (script: string) => ['powershell', '-NoProfile', '-Command', script];
const GROUP = "Get-ClusterGroup -Name 'SSO' | Format-List Name,OwnerNode,State";
const event = (ids: number[], source = 'ENTSSO') => ({
  kind: 'event' as const,
  ids,
  source,
  sinceMs: 0,
  present: true,
});
const write = ['ssomanage', '-setcredentials', 'CONTOSO\\svc-drill', 'SAP_Orders'];

type Lab = ReturnType<typeof createTestLab>;

function restoreOn(lab: Lab, node: string) {
  const envelope = readSealedEnvelope(lab.dir);
  return lab.run(node, ['ssoconfig', '-restoreSecret', envelope.backupPath], `${envelope.password}\n`);
}

describe.each(LAB_MODES)('lab cluster (clustered MSS, $mode)', ({ processes }) => {
  const createLab = (options: Parameters<typeof createTestLab>[0] = {}) =>
    createTestLab({ ...options, processes });

  it('builds two nodes behind the network name SSODB names, ENTSSO under the cluster on the owner only', () => {
    const lab = createLab({ cluster: true });
    expect(lab.summary.cluster).toEqual({
      networkName: 'SSOCLUSTER',
      group: 'SSO',
      nodes: ['SSOCL01', 'SSOCL02'],
      ownerNode: 'SSOCL01',
    });
    expect(lab.run('BTS01', ['ssomanage', '-displaydb']).stdout).toMatch(
      /SSO secret server name\s*:\s*SSOCLUSTER/,
    );
    const status = readLabStatus(lab.dir);
    const entsso = Object.fromEntries(status.servers.map((s) => [s.name, s.entsso]));
    expect(entsso).toMatchObject({
      SSOCL01: 'running',
      SSOCL02: 'stopped',
      BTS01: 'running',
      BTS02: 'running',
    });
    expect(lab.run('SSOCL02', ['sc', 'qc', 'entsso']).stdout).toMatch(/START_TYPE\s*:\s*3\s+DEMAND_START/);
    const environment = readFileSync(lab.summary.environmentPath, 'utf8');
    expect(environment).toMatch(/ssoClusterName: SSOCLUSTER/);
    expect(environment).toMatch(/ssoClusterGroup: SSO/);
    expect(environment).toMatch(/ssoClusterResource: Enterprise Single Sign-On Service/);
    expect(environment).toMatch(/SSOCL02:\n {4}roles:\n {6}- sso-server\n {6}- mss-node/);
    expect(verifyLab(lab.dir).passed).toBe(true);
  });

  it('names the nodes after --cluster-nodes and refuses --mss on a cluster', () => {
    const lab = createLab({ clusterNodes: ['NODEA', 'NODEB'] });
    expect(lab.summary.cluster?.ownerNode).toBe('NODEA');
    expect(() => initLab({ dir: tempDir(), cluster: true, mss: 'BTS01' })).toThrow(/--mss does not apply/);
    expect(() => initLab({ dir: tempDir(), faults: ['cluster-node-lost', 'mss-lost'] })).toThrow(
      /use cluster-node-lost instead/,
    );
  });

  it('prints Format-List with aligned colons and Format-Table with a header and dashes', () => {
    const lab = createLab({ cluster: true });
    expect(lab.run('SSOCL02', ps(GROUP))).toEqual({
      exitCode: 0,
      stdout: '\r\n\r\nName      : SSO\r\nOwnerNode : SSOCL01\r\nState     : Online\r\n\r\n\r\n',
      stderr: '',
    });
    const params = lab.run(
      'SSOCL01',
      ps(
        "Get-ClusterResource -Name 'Enterprise Single Sign-On Service' | Get-ClusterParameter -Name UseNetworkName,ServiceName | Format-Table Name,Value",
      ),
    );
    expect(params.stdout).toBe(
      '\r\nName           Value\r\n----           -----\r\nServiceName    ENTSSO\r\nUseNetworkName 1\r\n\r\n\r\n',
    );
    const resource = lab.run('SSOCL01', ps("Get-ClusterResource -Name 'Enterprise Single Sign-On Service'"));
    expect(resource.stdout.split('\r\n').slice(1, 4)).toEqual([
      'Name                              State  OwnerGroup ResourceType',
      '----                              -----  ---------- ------------',
      'Enterprise Single Sign-On Service Online SSO        Generic Service',
    ]);
    const dependency = lab.run(
      'SSOCL01',
      ps(
        "Get-ClusterResourceDependency -Resource 'Enterprise Single Sign-On Service' | Format-List DependencyExpression",
      ),
    );
    expect(dependency.stdout).toContain('DependencyExpression : [SSOCLUSTER]');
  });

  it('refuses what it does not model with a PowerShell error and exit 1, never a silent success', () => {
    const lab = createLab({ cluster: true });
    const unknown = lab.run('SSOCL01', ps('Get-Service entsso | Stop-Service'));
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(
      /^Get-Service : The term 'Get-Service' is not recognized as the name of a cmdlet/,
    );
    expect(unknown.stderr).toContain('+ FullyQualifiedErrorId : CommandNotFoundException');
    const extraPipe = lab.run('SSOCL01', ps("Get-ClusterGroup -Name 'SSO' | Select-Object Name"));
    expect(extraPipe.exitCode).toBe(1);
    expect(extraPipe.stderr).toMatch(/^Select-Object : The term/);
    const script = lab.run('SSOCL01', ps("$g = Get-ClusterGroup -Name 'SSO'; $g.State"));
    expect(script.exitCode).toBe(1);
    const noGroup = lab.run('SSOCL01', ps("Get-ClusterGroup -Name 'Nope' | Format-List State"));
    expect(noGroup.exitCode).toBe(1);
    expect(noGroup.stderr).toContain("Get-ClusterGroup : An error occurred opening cluster group 'Nope'.");
    // the FailoverClusters module exists on the cluster nodes only
    expect(lab.run('BTS01', ps(GROUP)).exitCode).toBe(1);
    expect(lab.run('SSOCL01', ['powershell', '-NoProfile']).exitCode).toBe(1);
  });

  it('Move-ClusterGroup stops ENTSSO on the old owner and starts it under the cluster on the target', async () => {
    const lab = createLab({ cluster: true });
    const move = lab.run('SSOCL01', ps("Move-ClusterGroup -Name 'SSO' -Node 'SSOCL02'"));
    expect(move.exitCode).toBe(0);
    expect(move.stdout.split('\r\n').slice(1, 4)).toEqual([
      'Name OwnerNode State',
      '---- --------- -----',
      'SSO  SSOCL02   Online',
    ]);
    expect(lab.run('SSOCL01', ['sc', 'query', 'entsso']).stdout).toMatch(/STATE\s*:\s*1\s+STOPPED/);
    expect(lab.run('SSOCL02', ['sc', 'query', 'entsso']).stdout).toMatch(/STATE\s*:\s*4\s+RUNNING/);
    expect(probeLab(lab.dir, 'SSOCL02', event([1641, 1201], 'Microsoft-Windows-FailoverClustering')).ok).toBe(
      true,
    );
    // SSOCL02 never held the secret: its replicated SSOSS copy does not decrypt, secret operations fail
    expect(probeLab(lab.dir, 'SSOCL02', event([10565])).ok).toBe(true);
    expect(probeLab(lab.dir, 'SSOCL02', event([10521])).ok).toBe(true);
    expect(lab.run('BTS01', write, 'x\nx\n').stdout).toContain('0xC0002A1F');
    expect(verifyLab(lab.dir).passed).toBe(false);
    expect(restoreOn(lab, 'SSOCL02').stdout).toContain('The operation completed successfully.');
    expect(lab.run('BTS01', write, 'x\nx\n').exitCode).toBe(0);
    await sleep(10);
    expect(verifyLab(lab.dir).passed).toBe(true);
    // back to SSOCL01, which always held the secret: no restore needed there
    expect(lab.run('SSOCL02', ps("Move-ClusterGroup -Name 'SSO' -Node SSOCL01")).exitCode).toBe(0);
    expect(lab.run('SSOCL02', ['sc', 'query', 'entsso']).stdout).toMatch(/STOPPED/);
    expect(lab.run('BTS02', write, 'y\ny\n').exitCode).toBe(0);
  });

  it('refuses to move the group to a node that is down or unknown', () => {
    const lab = createLab({ faults: ['cluster-node-lost'] });
    const down = lab.run('SSOCL02', ps("Move-ClusterGroup -Name 'SSO' -Node SSOCL01"));
    expect(down.exitCode).toBe(1);
    expect(down.stderr).toContain('The cluster node is down');
    expect(lab.run('SSOCL02', ps("Move-ClusterGroup -Name 'SSO' -Node BTS01")).exitCode).toBe(1);
  });

  it('Stop-/Start-ClusterResource cycle ENTSSO on the owner', () => {
    const lab = createLab({ cluster: true });
    const stop = lab.run('SSOCL02', ps("Stop-ClusterResource -Name 'Enterprise Single Sign-On Service'"));
    expect(stop.stdout).toMatch(/Enterprise Single Sign-On Service Offline SSO/);
    expect(lab.run('SSOCL01', ['sc', 'query', 'entsso']).stdout).toMatch(/STOPPED/);
    expect(lab.run('SSOCL02', ps(GROUP)).stdout).toMatch(/State\s*:\s*PartialOnline/);
    const start = lab.run('SSOCL02', ps("Start-ClusterResource -Name 'Enterprise Single Sign-On Service'"));
    expect(start.stdout).toMatch(/Enterprise Single Sign-On Service Online SSO/);
    expect(lab.run('SSOCL01', ['sc', 'query', 'entsso']).stdout).toMatch(/RUNNING/);
    expect(verifyLab(lab.dir).passed).toBe(true);
  });

  it('reports a resource that cannot come online as a PowerShell error, and the group as Failed', () => {
    const lab = createLab({ cluster: true, faults: ['sql-unreachable'] });
    const move = lab.run('SSOCL01', ps("Move-ClusterGroup -Name 'SSO' -Node SSOCL02"));
    expect(move.exitCode).toBe(1);
    expect(move.stderr).toContain(
      "Move-ClusterGroup : An error occurred while bringing resource 'Enterprise Single Sign-On Service' online.",
    );
    expect(lab.run('SSOCL01', ps(GROUP)).stdout).toMatch(/OwnerNode : SSOCL02\r\nState {5}: Failed/);
    expect(probeLab(lab.dir, 'SSOCL02', event([1069], 'Microsoft-Windows-FailoverClustering')).ok).toBe(true);
  });
});
