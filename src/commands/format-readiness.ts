import type { ReadinessFinding } from './readiness-finding.js';

export type ReadinessReport = {
  environment: string;
  ready: boolean;
  checkedAt: string;
  findings: ReadinessFinding[];
};

/** One line per finding, then the verdict. */
export function formatReadinessText(report: ReadinessReport, marks: { ok: string; fail: string }): string {
  const lines = report.findings.map((f) =>
    f.ok
      ? `${marks.ok} ${f.id}: ${f.message}`
      : `${marks.fail} ${f.id}: ${f.message} Do: ${f.advice ?? ''}`.trimEnd(),
  );
  const failed = report.findings.filter((f) => !f.ok).length;
  const verdict = report.ready
    ? `${report.environment} is ready for a failover: all ${report.findings.length} checks passed.`
    : `${report.environment} is NOT ready for a failover: ${failed} of ${report.findings.length} checks failed.`;
  return `${[...lines, verdict].join('\n')}\n`;
}

const label = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Gauges in the Prometheus text format, for a node exporter's textfile collector. */
export function formatReadinessPrometheus(report: ReadinessReport): string {
  const env = `environment="${label(report.environment)}"`;
  const out: string[] = [];
  const gauge = (name: string, help: string, samples: [string, number][]) => {
    if (samples.length === 0) return;
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const [labels, value] of samples) out.push(`${name}{${labels}} ${value}`);
  };
  gauge('sso_failover_ready', '1 when every readiness check passed, else 0', [[env, report.ready ? 1 : 0]]);
  gauge(
    'sso_failover_check_ok',
    '1 when the readiness check passed, else 0',
    report.findings.map((f) => [`${env},check="${label(f.id)}"`, f.ok ? 1 : 0]),
  );
  const value = (id: string) => report.findings.find((f) => f.id === id)?.value;
  const age = value('backup-age');
  gauge(
    'sso_failover_backup_age_seconds',
    "age of the newest master secret backup's off-box copy",
    age === undefined ? [] : [[env, age]],
  );
  const standbys = value('standby');
  gauge(
    'sso_failover_standbys_ready',
    'standby SSO servers that passed the designate pre-flight',
    standbys === undefined ? [] : [[env, standbys]],
  );
  gauge(
    'sso_failover_drill_age_seconds',
    'age of the last passing drill of the runbook',
    report.findings
      .filter((f) => f.id.startsWith('drill:') && f.value !== undefined)
      .map((f) => [`${env},runbook="${label(f.id.slice(6))}"`, f.value!]),
  );
  gauge('sso_failover_readiness_timestamp_seconds', 'when readiness last ran (Unix time)', [
    [env, Math.floor(Date.parse(report.checkedAt) / 1000)],
  ]);
  return `${out.join('\n')}\n`;
}
