import { describe, expect, it } from 'vitest';
import { sourceLink } from '../../src/runbook/source-link.js';
import { runDrill } from '../support/run-cli.js';

describe("a runbook's sources as pages an operator can open", () => {
  it('turns the BizTalk documentation paths runbooks cite into Microsoft addresses', () => {
    expect(sourceLink('BT core/how-to-restore-the-master-secret.md')).toBe(
      'https://learn.microsoft.com/en-us/biztalk/core/how-to-restore-the-master-secret',
    );
    expect(sourceLink('BT tg/designating-a-new-master-secret-server-manually.md')).toBe(
      'https://learn.microsoft.com/en-us/biztalk/technical-guides/designating-a-new-master-secret-server-manually',
    );
    expect(sourceLink('shared/domain/sso-reference.md §10')).toBeUndefined();
  });

  it("names the step's Microsoft pages when a step fails, under its advice", () => {
    const { result } = runDrill({ faults: ['wrong-password'], timeScale: 600 });
    expect(result.stdout).toContain(
      "Microsoft's page(s) for this step:\n     https://learn.microsoft.com/en-us/biztalk/core/how-to-restore-the-master-secret",
    );
  });
});
