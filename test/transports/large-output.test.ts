import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOutputCollector } from '../../src/transports/collect-output.js';

const DIST = join(import.meta.dirname, '../../dist/transports/run-process.js');

/** 200 chunks of 9198 lines of 115 bytes: 211,554,003 bytes (the last line ends in END) in 1,839,600 lines, written with backpressure. */
const PRINT_200_MB = `const s = ('x'.repeat(114) + '\\n').repeat(9198); let n = 0;
function w() { while (n < 200) { n++; if (!process.stdout.write(n === 200 ? s.slice(0, -1) + 'END\\n' : s)) return process.stdout.once('drain', w); } }
w();`;

describe('a command that prints 200 MB', () => {
  it('is streamed through a bounded buffer: its start and end are kept, the rest counted, and the peak memory stays small', () => {
    // A process of its own, so its peak resident memory is this command's alone.
    const script = `import(${JSON.stringify(DIST)}).then(async ({ runProcess }) => {
      const r = await runProcess(process.execPath, ['-e', ${JSON.stringify(PRINT_200_MB)}]);
      console.log(JSON.stringify({ ok: r.ok, length: r.stdout.length, start: r.stdout.slice(0, 20),
        end: r.stdout.slice(-20), note: r.stdout.split('\\n').find((l) => l.startsWith('… [sso-failover')),
        printed: r.printed, maxRssKb: process.resourceUsage().maxRSS }));
    });`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    const seen = JSON.parse(child.stdout);
    expect(seen.ok).toBe(true);
    expect(seen.printed.stdout).toEqual({ bytes: 211_554_003, lines: 1_839_600 });
    expect(seen.start).toBe('x'.repeat(20));
    expect(seen.end).toBe(`${'x'.repeat(16)}END\n`);
    expect(seen.length).toBeLessThan(2.2 * 1024 * 1024);
    expect(seen.note).toBe(
      `… [sso-failover: the command printed 211554003 bytes in 1839600 lines; only the first 1048576 and the last 1048576 bytes were kept, the ${211_554_003 - 2 * 1_048_576} bytes between them were not kept anywhere]`,
    );
    // Before the bound, execa held all of it (884 MB peak in the issue). The figure goes in the notes.
    console.log(`peak RSS while streaming 211,554,003 bytes: ${Math.round(seen.maxRssKb / 1024)} MB`);
    expect(seen.maxRssKb).toBeLessThan(150 * 1024);
  }, 120_000);
});

describe('the output collector', () => {
  it('keeps everything, and counts lines, when the output fits', () => {
    const collector = createOutputCollector(8, 8);
    collector.push(Buffer.from('a\nb\n'));
    collector.push(Buffer.from('c'));
    expect(collector.finish()).toEqual({ text: 'a\nb\nc', bytes: 5, lines: 3 });
  });

  it('keeps the first and last bytes and says how many between were not kept', () => {
    const collector = createOutputCollector(4, 4);
    for (const part of ['0123', '4567', '89ab', 'cdef']) collector.push(Buffer.from(part));
    expect(collector.finish().text).toBe(
      '0123\n… [sso-failover: the command printed 16 bytes in 1 lines; only the first 4 and the last 4 bytes were kept, the 8 bytes between them were not kept anywhere]\ncdef',
    );
  });
});
