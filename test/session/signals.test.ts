import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { trapSignals } from '../../src/session/signals.js';

function trap(platform: NodeJS.Platform) {
  const source = new EventEmitter();
  const exits: number[] = [];
  const lines: string[] = [];
  const kills: string[] = [];
  const signals = trapSignals({
    platform,
    source: source as never,
    exit: (code) => exits.push(code),
    warn: (line) => lines.push(line),
    killRunning: () => {
      kills.push(`before exit ${exits.length}`);
      return 1;
    },
  });
  return { source, exits, lines, kills, signals };
}

describe('trapSignals', () => {
  it('cancels the run on the first Ctrl+C; on the second kills what still runs, then exits at once (130)', () => {
    const { source, exits, lines, kills, signals } = trap('linux');
    source.emit('SIGINT', 'SIGINT');
    expect(signals.signal.aborted).toBe(true);
    expect(signals.received()).toBe('SIGINT');
    expect(exits).toEqual([]);
    expect(kills).toEqual([]);
    source.emit('SIGINT', 'SIGINT');
    expect(kills).toEqual(['before exit 0']);
    expect(exits).toEqual([130]);
    expect(lines[0]).toContain(
      'Second Ctrl+C: leaving now (killed 1 running command(s) and their child processes, without waiting).',
    );
    signals.release();
  });

  it('handles Ctrl+Break (SIGBREAK) like Ctrl+C on Windows, the second one exiting with 130', () => {
    const { source, exits, signals } = trap('win32');
    source.emit('SIGBREAK', 'SIGBREAK');
    expect(signals.signal.aborted).toBe(true);
    expect(signals.received()).toBe('SIGINT');
    source.emit('SIGBREAK', 'SIGBREAK');
    expect(exits).toEqual([130]);
    signals.release();
    expect(source.listenerCount('SIGBREAK')).toBe(0);
  });

  it('does not listen for SIGBREAK elsewhere, and any second signal after the first (SIGHUP) exits at once', () => {
    const { source, exits, signals } = trap('linux');
    expect(source.listenerCount('SIGBREAK')).toBe(0);
    source.emit('SIGHUP', 'SIGHUP');
    source.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([130]);
    expect(signals.received()).toBe('SIGHUP');
    signals.release();
  });
});
