import { OperatorError } from '../errors.js';

/**
 * The lab needs better-sqlite3, a native module. Production commands never load it; when it is asked
 * for and did not build on this machine, say so plainly.
 */
export async function loadLab(): Promise<typeof import('../lab/index.js')> {
  try {
    const lab = await import('../lab/index.js');
    lab.loadSqlite();
    return lab;
  } catch (error) {
    if ((error as Error).name === 'LabInputError') throw new OperatorError((error as Error).message);
    throw new OperatorError(
      `the lab (drills) needs the native module better-sqlite3, which could not be loaded here: ${(error as Error).message.split('\n')[0]}. Run \`npm rebuild better-sqlite3\`; run, plan, lint and the rest work without it.`,
    );
  }
}
