import { describe, expect, it } from 'vitest';
import { describeProbeCommand } from '../../src/runbook/probe-commands.js';
import { quotePowerShell } from '../../src/transports/powershell.js';

describe('the printed PowerShell equivalent of a probe', () => {
  it('quotes a path with a typographic quote as the transport does, so pasting it cannot end the string', () => {
    // ’ (U+2019) is a quote to PowerShell: left single, it would close the literal and run the rest.
    const path = 'C:\\Backups\\O’Brien’s\\SSO.bak';
    const command = describeProbeCommand({ optional: false, file: { path, exists: true } });
    expect(command).toContain(quotePowerShell(path));
    expect(command).toContain("'C:\\Backups\\O’’Brien’’s\\SSO.bak'");
  });

  it('doubles a plain single quote in a service name', () => {
    expect(describeProbeCommand({ optional: false, service: { name: "it's", state: 'running' } })).toContain(
      "-Name 'it''s'",
    );
  });
});
