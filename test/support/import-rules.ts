import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The layers of src/ and what each may import (architecture.md, "Import rules"). A file belongs to the
 * first folder under src/; files directly in src/ (errors, exit codes, package info) are shared by all.
 */
export const IMPORT_RULES: Record<string, readonly string[]> = {
  runbook: [],
  engine: ['runbook'],
  operator: ['engine', 'runbook'],
  transports: ['engine', 'runbook'],
  journal: ['engine', 'runbook'],
  report: ['engine', 'runbook'],
  notify: ['engine', 'runbook'],
  lab: ['engine', 'runbook'],
  // Only these assemble pieces.
  commands: ['*'],
  session: ['*'],
  drill: ['*'],
};

export type ImportViolation = { file: string; line: number; from: string; to: string; text: string };

function layerOf(srcDir: string, file: string): string {
  const parts = relative(srcDir, file).split(sep);
  return parts.length === 1 ? '' : parts[0]!;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/** Every relative import (static or dynamic, types included) that crosses a layer boundary it may not. */
export function findImportViolations(srcDir: string): ImportViolation[] {
  const violations: ImportViolation[] = [];
  for (const file of sourceFiles(srcDir)) {
    const from = layerOf(srcDir, file);
    const allowed = IMPORT_RULES[from];
    if (from === '' || allowed?.includes('*')) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)) {
          const to = layerOf(srcDir, resolve(dirname(file), match[1]!));
          if (to === '' || to === from || allowed?.includes(to)) continue;
          violations.push({ file: relative(srcDir, file), line: index + 1, from, to, text: text.trim() });
        }
      });
  }
  return violations;
}
