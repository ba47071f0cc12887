/** Bytes as Windows tools save text: `>` and Out-File in PowerShell 5.1 write UTF-16LE with a BOM. */
export function encodeAsWindows(
  text: string,
  encoding: 'utf-16le' | 'utf-16be' | 'utf-8-bom',
  crlf = true,
): Buffer {
  const body = crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  if (encoding === 'utf-8-bom')
    return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
  const le = Buffer.from(body, 'utf16le');
  if (encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
}
