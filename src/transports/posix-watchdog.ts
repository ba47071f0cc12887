import { quotePosix } from './quote.js';

/**
 * A command run over ssh without a terminal outlives its client: killing the local ssh (timeout, Ctrl+C)
 * closes the connection, but sshd does not signal the remote command. So each command runs under this
 * sh watchdog. The client sends exactly $1 bytes of stdin (the command's own input), then keeps stdin
 * open and sends nothing more: once those bytes are passed on, the end of stdin can only mean the client
 * or the connection is gone, and the watchdog stops every process of the session.
 * The watchdog is started in the background by the pipeline's first half, so the pipeline ends, with
 * the command's exit status, as soon as the command ends.
 */
const WATCHDOG = [
  'n=$1; shift',
  'exec 3<&0',
  '{ head -c "$n" <&3; { cat >/dev/null; trap \'\' TERM; kill -TERM 0; sleep 2; kill -KILL 0; } <&3 >/dev/null 2>&1 & } | "$@" 3<&-',
].join('\n');

/** The remote command line (for a POSIX login shell) that runs argv under the watchdog. */
export function createWatchedCommand(argv: readonly string[], stdinBytes: number): string {
  return quotePosix(['sh', '-c', WATCHDOG, 'sso-failover-watchdog', String(stdinBytes), ...argv]);
}
