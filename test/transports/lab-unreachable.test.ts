import { describe, expect, it } from 'vitest';
import { evaluateCommand } from '../../src/engine/evaluate-command.js';
import { createInProcessLabRunner } from '../../src/drill/in-process-lab-runner.js';
import { loadLab } from '../../src/drill/load-lab.js';
import { createLabTransport } from '../../src/transports/lab.js';
import { createTestLab } from '../lab/lab-test-kit.js';

describe('the lab transport and a powered-off server', () => {
  it('says the server is unreachable and the command did not run, instead of "exit code 255"', async () => {
    const lab = createTestLab({ faults: ['mss-lost'] });
    const transport = createLabTransport(lab.dir, createInProcessLabRunner(await loadLab(), lab.dir));
    const result = await transport.exec('SSO01', ['sc.exe', 'query', 'entsso'], {});
    expect(result.ok).toBe(false);
    expect(result.error).toBe('SSO01 is unreachable (powered off): the command did not run');
    const { observed } = evaluateCommand(result, { exitCode: 0 });
    expect(observed).toBe('SSO01 is unreachable (powered off): the command did not run');
    expect(observed).not.toContain('255');
    // A live server's failing command keeps its own exit code and words.
    const live = await transport.exec('BTS01', ['sc.exe', 'query', 'nosuchservice'], {});
    expect(live.error).toBeUndefined();
  }, 30_000);
});
