import { describe, expect, it } from 'vitest';
import { walkStrings } from '../../src/runbook/walk-strings.js';

describe('walkStrings', () => {
  it('finds every string in document order with its own path, under a given prefix', () => {
    const step = {
      id: 'a',
      action: { run: ['ssomanage', '-displaydb'] },
      post: [{ file: { path: 'x' } }],
      n: 3,
    };
    expect(walkStrings(step, ['steps', 2])).toEqual([
      { path: ['steps', 2, 'id'], value: 'a' },
      { path: ['steps', 2, 'action', 'run', 0], value: 'ssomanage' },
      { path: ['steps', 2, 'action', 'run', 1], value: '-displaydb' },
      { path: ['steps', 2, 'post', 0, 'file', 'path'], value: 'x' },
    ]);
  });

  it('gives each string a path of its own (changing one changes no other)', () => {
    const [first, second] = walkStrings({ a: 'x', b: 'y' });
    first?.path.push('changed');
    expect(second?.path).toEqual(['b']);
  });
});
