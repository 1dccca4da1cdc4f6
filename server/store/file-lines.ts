// The whole lines of a file as bytes, streamed: the journal and the audit file are read this way,
// so that offsets are exact and no file is ever one string in memory.
import { createReadStream } from 'node:fs';

/** Hands every line ended by LF (without it, empty ones too) with its number, from 1. Returns the
 *  bytes of an unterminated tail (a torn append); a missing file has no lines and no tail. */
export const eachLine = async (
  path: string,
  visit: (line: Buffer, lineNo: number) => void,
): Promise<{ tail: number }> => {
  let carry: Buffer = Buffer.alloc(0),
    lineNo = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      const buf = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
      let from = 0;
      for (let nl = buf.indexOf(0x0a); nl >= 0; nl = buf.indexOf(0x0a, from)) {
        visit(buf.subarray(from, nl), ++lineNo);
        from = nl + 1;
      }
      carry = Buffer.from(buf.subarray(from));
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { tail: 0 };
    throw e;
  }
  return { tail: carry.length };
};
