import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDrills } from '../../src/commands/drills.js';
import { runCli } from '../support/run-cli.js';
import { writeCraftedRun } from './crafted-run.js';

describe('drill history', () => {
  it("keeps operator drills apart from autopilot drills and lists each drill's skips with their reasons", () => {
    // The crafted run was answered by alice@JUMP01 at a terminal and skipped a step; graded as a drill here.
    const { stateDir, runDir } = writeCraftedRun();
    writeFileSync(
      join(runDir, 'drill-grade.json'),
      JSON.stringify({
        passed: false,
        criteria: [],
        faults: ['mss-lost'],
        elapsedMs: 420_000,
        labElapsedMs: 900_000,
      }),
    );
    const [drill] = listDrills(stateDir);
    expect(drill).toMatchObject({
      answeredBy: 'operator',
      skipped: [
        { id: 'restart-service', number: 3, reason: 'BTS02 is being rebuilt; refreshed after the outage' },
      ],
      labElapsedMs: 900_000,
    });
    const table = runCli(['drills', '--state-dir', stateDir]).stdout;
    expect(table).toContain('Drills answered by an operator');
    expect(table).not.toContain('Autopilot drills');
    expect(table).toMatch(/SKIPPED/);
    // Named as every summary names it: by the number the screen showed.
    expect(table).toContain('step 3 restart-service (BTS02 is being rebuilt; refreshed after the outage)');
    expect(runCli(['drills', '--state-dir', stateDir, '--html', join(stateDir, 'd.html')]).status).toBe(0);
  });
});
