import { describe, expect, it } from 'vitest';
import { commandGroups, commandTable } from '../../src/command-table.js';

describe('the command table', () => {
  it('gives every command a handler that its module really exports', async () => {
    for (const entry of commandTable) {
      const handler = await entry.load();
      expect(typeof handler, entry.path.join(' ')).toBe('function');
    }
  });

  it('names each command once, and a parent with a description for every two-word command', () => {
    const names = commandTable.map((entry) => entry.path.join(' '));
    expect(new Set(names).size).toBe(names.length);
    for (const entry of commandTable)
      if (entry.path.length === 2) expect(commandGroups[entry.path[0]], entry.path[0]).toBeTruthy();
  });

  it('describes every command that --help lists', () => {
    for (const entry of commandTable)
      if (!entry.hidden) expect(entry.description, entry.path.join(' ')).toBeTruthy();
  });
});
