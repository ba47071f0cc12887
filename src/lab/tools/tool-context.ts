import type { LabDb } from '../store/lab-db.js';
import type { LabMeta, LabServer } from '../lab-types.js';

/** Reads one answer for a prompt. The prompt text is already on stdout. */
export type AskFn = (prompt: string, masked: boolean) => string;

export type ToolOutput = {
  write(text: string): void;
  line(text?: string): void;
  errLine(text?: string): void;
  readonly stdout: string;
  readonly stderr: string;
};

export type ToolContext = {
  db: LabDb;
  meta: LabMeta;
  /** lab time, epoch ms */
  now: number;
  host: LabServer;
  /** arguments after the tool name */
  args: string[];
  out: ToolOutput;
  ask: AskFn;
  /**
   * The prompts are answered at a console (lab exec in a terminal): a tool that reads its password from
   * the console works. False when its stdin is a pipe or nothing (a runbook's stdin, WinRM, ssh without -t).
   */
  console: boolean;
  /** The next line of stdin without a prompt or echo ([Console]::In.ReadLine() in a PowerShell script). */
  readLine: () => string;
};

/** A tool finishes, or (net start) waits for lab time to pass outside the transaction and then resumes. */
export type ToolOutcome =
  | { exitCode: number }
  | { waitUntil: number; resume: (ctx: ToolContext) => ToolOutcome };

export type LabTool = (ctx: ToolContext) => ToolOutcome;

export const CRLF = '\r\n';

export function done(exitCode: number): ToolOutcome {
  return { exitCode };
}

export function createToolOutput(): ToolOutput {
  let stdout = '';
  let stderr = '';
  return {
    write: (text) => {
      stdout += text;
    },
    line: (text = '') => {
      stdout += text + CRLF;
    },
    errLine: (text = '') => {
      stderr += text + CRLF;
    },
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
  };
}

/** `-backupSecret`, `/backupsecret` and `–backupsecret` are the same switch. */
export function switchName(arg: string | undefined): string {
  return (arg ?? '').replace(/^[-/\u2013]+/, '').toLowerCase();
}
