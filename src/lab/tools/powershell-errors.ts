import { done, type ToolContext, type ToolOutcome } from './tool-context.js';

const EXCEPTIONS: Record<string, string> = {
  CommandNotFound: 'CommandNotFoundException',
  ParserError: 'ParentContainsErrorRecordException',
  ObjectNotFound: 'ClusterCmdletException',
  InvalidArgument: 'ClusterCmdletException',
  ConnectionError: 'ClusterCmdletException',
  OperationStopped: 'ClusterCmdletException',
};

/**
 * A PowerShell error record on stderr (message, position, category) and exit 1, as `powershell -Command`
 * reports a failed pipeline.
 */
export function writePsError(
  ctx: ToolContext,
  script: string,
  segment: string,
  message: string,
  category: string,
  cmdlet?: string,
): ToolOutcome {
  const column = Math.max(0, script.indexOf(segment));
  const name = cmdlet ?? segment.split(/\s+/)[0] ?? '';
  const exception = EXCEPTIONS[category] ?? 'RuntimeException';
  ctx.out.errLine(category === 'ParserError' ? message : `${name} : ${message}`);
  ctx.out.errLine(`At line:1 char:${column + 1}`);
  ctx.out.errLine(`+ ${script}`);
  // an unknown command is underlined by its name only, a failing cmdlet by its whole pipeline element
  const width = category === 'CommandNotFound' ? name.length : segment.length;
  ctx.out.errLine(`+ ${' '.repeat(column)}${'~'.repeat(Math.max(1, width))}`);
  const target = category === 'CommandNotFound' ? `(${name}:String) []` : `(:) [${name}]`;
  const shown = category === 'CommandNotFound' ? 'ObjectNotFound' : category;
  ctx.out.errLine(`    + CategoryInfo          : ${shown}: ${target}, ${exception}`);
  const id = category === 'CommandNotFound' ? 'CommandNotFoundException' : `${category},${name}`;
  ctx.out.errLine(`    + FullyQualifiedErrorId : ${id}`);
  ctx.out.errLine();
  return done(1);
}
