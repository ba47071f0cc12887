import { StringDecoder } from 'node:string_decoder';

/** How much of a stream is held in memory: its start and its end (where a tool prints its error). */
export const KEPT_HEAD_BYTES = 1024 * 1024;
export const KEPT_TAIL_BYTES = 1024 * 1024;

export type OutputCollector = {
  push(chunk: Buffer): void;
  /** the text kept (all of it, or its start and end around a line saying what was left out) and what was printed */
  finish(): { text: string; bytes: number; lines: number };
};

/**
 * Keeps the first and the last bytes of a stream and counts the rest, so a command printing hundreds of
 * megabytes costs a bounded amount of memory (head + tail + one chunk), never the whole output.
 */
export function createOutputCollector(
  headBytes = KEPT_HEAD_BYTES,
  tailBytes = KEPT_TAIL_BYTES,
): OutputCollector {
  const head: Buffer[] = [];
  let headSize = 0;
  let tail: Buffer[] = [];
  let tailSize = 0;
  let bytes = 0;
  let newlines = 0;
  let last = -1;
  const keepTail = (chunk: Buffer) => {
    tail.push(chunk);
    tailSize += chunk.length;
    // Drop whole chunks from the front while what is left still covers the tail.
    while (tail.length > 1 && tailSize - tail[0]!.length >= tailBytes) tailSize -= tail.shift()!.length;
  };
  return {
    push(chunk) {
      if (chunk.length === 0) return;
      bytes += chunk.length;
      last = chunk[chunk.length - 1]!;
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) newlines += 1;
      const room = headBytes - headSize;
      if (room > 0) {
        const into = chunk.subarray(0, room);
        head.push(into);
        headSize += into.length;
        if (chunk.length > room) keepTail(Buffer.from(chunk.subarray(room)));
      } else keepTail(chunk);
      if (tail.length > 64) tail = [Buffer.concat(tail)];
    },
    finish() {
      const lines = newlines + (bytes > 0 && last !== 10 ? 1 : 0);
      const start = Buffer.concat(head);
      const end = Buffer.concat(tail);
      const from = Math.max(0, end.length - tailBytes);
      const dropped = bytes - start.length - (end.length - from);
      if (dropped <= 0) return { text: decode(Buffer.concat([start, end])), bytes, lines };
      const note = `… [sso-failover: the command printed ${bytes} bytes in ${lines} lines; only the first ${start.length} and the last ${end.length - from} bytes were kept, the ${dropped} bytes between them were not kept anywhere]`;
      return { text: `${decode(start)}\n${note}\n${decode(end.subarray(from))}`, bytes, lines };
    },
  };
}

function decode(buffer: Buffer): string {
  const decoder = new StringDecoder('utf8');
  return decoder.write(buffer) + decoder.end();
}
