import { defineConfig } from 'vitest/config';
import { SYSTEM } from './test/projects.js';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default on 2 cores is 1 worker; most system tests wait on processes, so 2 run side by side:
    // the whole suite 321 s → 181 s here.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // Unit files share one module graph per worker (no isolation): 38 s → 25 s on 2 cores, since most
        // of a small file's time was loading the sources again. Files that need a fresh process are system.
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: SYSTEM, isolate: false },
      },
      { extends: true, test: { name: 'system', include: SYSTEM } },
    ],
  },
});
