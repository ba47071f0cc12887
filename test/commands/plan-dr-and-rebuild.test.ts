import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const EXAMPLE = 'runbooks/environments/example.yaml';
const RESTORE_TO_MARK =
  "& 'sqlcmd' '-S' 'DRSQL01' '-E' '-b' '-Q' 'EXEC msdb.dbo.sp_start_job @job_name = N''BTS Log Shipping - Restore To Mark'''";
const SET_DB =
  "& 'C:\\Program Files\\Common Files\\Enterprise Single Sign-On\\ssoconfig.exe' '-setDB' 'DRSQL01' 'SSODB'";
/** What only the run can know: values it reads or is given as it goes. */
const READ_DURING_THE_RUN = [
  '{{ssodbMark}}',
  '{{configApp}}',
  '{{restoreFile}}',
  '{{runId}}',
  '{{restoredBackupSha256}}',
  '{{newBackupFile}}',
  '{{newBackupSha256}}',
];

describe('plan of the DR and rebuild runbooks on the example environment', () => {
  it('recover-sso-at-dr-site: the log-shipping jobs on DRSQL01, -setDB on both DR SSO servers, every host resolved', () => {
    const result = runCli(['plan', 'recover-sso-at-dr-site', '--env', EXAMPLE]);
    expect(result.status, result.stderr).toBe(0);
    const text = result.stdout;
    expect(text).toContain('[restore-to-mark] on DRSQL01');
    expect(text).toContain(RESTORE_TO_MARK);
    for (const host of ['DRSSO01', 'DRBTS01'])
      expect(text).toContain(`[point-sso-at-dr-sql@${host}] on ${host}`);
    expect(text.split(SET_DB)).toHaveLength(3);
    // SSO moves only once SSODB is checked at the others' mark
    expect(text.indexOf('COUNT(DISTINCT')).toBeLessThan(text.indexOf(SET_DB));
    expect(text).toContain('cscript UpdateRegistry.vbs SampleUpdateInfo.xml');
    for (const blank of new Set(text.match(/\{\{\w+\}\}/g))) expect(READ_DURING_THE_RUN).toContain(blank);
  });

  it('rebuild-master-secret-server --var newMss=SSO02: the join is checked on SSO02 before -updatedb names it', () => {
    const result = runCli([
      'plan',
      'rebuild-master-secret-server',
      '--env',
      EXAMPLE,
      '--var',
      'newMss=SSO02',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const text = result.stdout;
    const join = text.indexOf('[join-sso-system] on SSO02');
    const updatedb = text.indexOf('[name-new-mss-in-ssodb] on SSO02');
    expect(join).toBeGreaterThan(0);
    expect(updatedb).toBeGreaterThan(join);
    expect(text).toContain('Join an existing SSO System');
  });
});
