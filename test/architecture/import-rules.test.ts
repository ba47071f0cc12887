import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findImportViolations } from '../support/import-rules.js';

describe('import rules between the layers of src/', () => {
  it('holds for the product: the engine imports only runbook, the pieces only engine and runbook', () => {
    const violations = findImportViolations(join(import.meta.dirname, '../../src'));
    expect(violations.map((v) => `src/${v.file}:${v.line} ${v.from} → ${v.to}: ${v.text}`)).toEqual([]);
  });

  it('catches a deliberately wrong import in a fixture (report → transports)', () => {
    const violations = findImportViolations(join(import.meta.dirname, '../fixtures/import-rules/src'));
    expect(violations).toEqual([
      expect.objectContaining({
        file: join('report', 'render.ts'),
        line: 3,
        from: 'report',
        to: 'transports',
      }),
    ]);
  });
});
