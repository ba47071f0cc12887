const MARK = '#< CLIXML';

/**
 * PowerShell started with -EncodedCommand (and with its output redirected) writes its error, warning and
 * progress streams to stderr as CLIXML (`#< CLIXML` then `<Objs …>`), which no operator can read and no
 * expect: pattern matches. Turn it back into the text PowerShell would have printed: the error stream as
 * it is, warnings prefixed WARNING:, progress records dropped. Text outside the blocks is kept.
 */
export function decodeClixml(stderr: string): string {
  if (!stderr.includes(MARK)) return stderr;
  return stderr
    .split(MARK)
    .map((part, index) => (index === 0 ? part : decodeBlock(part)))
    .join('');
}

function decodeBlock(part: string): string {
  const end = part.indexOf('</Objs>');
  const xml = end === -1 ? part : part.slice(0, end);
  const after = end === -1 ? '' : part.slice(end + '</Objs>'.length).replace(/^\r?\n/, '');
  const text = [...xml.matchAll(/<S S="(Error|Warning|Verbose|Debug|Information)">([\s\S]*?)<\/S>/g)]
    .map(([, stream, value]) => {
      const line = unescapeClixml(value!);
      return stream === 'Error'
        ? line
        : `${stream!.toUpperCase()}: ${line.endsWith('\n') ? line : `${line}\n`}`;
    })
    .join('');
  return text + after;
}

/** XML entities first, then PowerShell's _xHHHH_ escapes (one UTF-16 code unit each; surrogate pairs join up). */
function unescapeClixml(value: string): string {
  return value
    .replace(
      /&(lt|gt|quot|apos|amp);/g,
      (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name as 'lt'],
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/\r\n/g, '\n');
}
