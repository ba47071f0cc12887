/** What a text file was saved as, by its byte order mark (none: UTF-8). */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

const SAVE_AS_UTF8 =
  'save it as UTF-8 (PowerShell 5.1: Set-Content -Encoding UTF8, or Out-File -Encoding utf8; Notepad: Save as, Encoding UTF-8)';

/**
 * Text as Windows tools write it: UTF-8 with or without a BOM, UTF-16LE or UTF-16BE with a BOM (what `>`
 * and Out-File write in Windows PowerShell 5.1), CRLF or LF line ends (returned as LF). Bytes that are
 * not valid in the encoding are an error, never replaced with U+FFFD: a garbled value must not go on.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const [a, b, c] = bytes;
  const { encoding, body } =
    a === 0xef && b === 0xbb && c === 0xbf
      ? { encoding: 'utf-8-bom' as const, body: bytes.subarray(3) }
      : a === 0xff && b === 0xfe
        ? { encoding: 'utf-16le' as const, body: bytes.subarray(2) }
        : a === 0xfe && b === 0xff
          ? { encoding: 'utf-16be' as const, body: bytes.subarray(2) }
          : { encoding: 'utf-8' as const, body: bytes };
  let text: string;
  try {
    text = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding, {
      fatal: true,
      ignoreBOM: true,
    }).decode(body);
  } catch {
    const name = encoding === 'utf-8' || encoding === 'utf-8-bom' ? 'UTF-8' : encoding.toUpperCase();
    throw new Error(`it is not valid ${name} text: ${SAVE_AS_UTF8}`);
  }
  if (encoding === 'utf-8' && text.includes('\0'))
    throw new Error(`it holds NUL bytes, as UTF-16 without a byte order mark does: ${SAVE_AS_UTF8}`);
  return { text: text.replace(/\r\n/g, '\n'), encoding };
}
