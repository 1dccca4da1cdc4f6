// Lines of a byte stream, decoded as they arrive: the file is never held whole. Yields the lines
// completed by each chunk (a batch), without their end of line (LF or CRLF); a line longer than
// `lineChars`, or more than `lines` lines, is refused as soon as it is seen.
import { tooLarge } from '../domain/errors.js';
import { count, outOfBounds } from './limits.js';
import { SniffingDecoder } from './text-decoding.js';

export interface LineLimits {
  lines: number;
  lineChars: number;
}

const NO_LIMITS: LineLimits = { lines: Infinity, lineChars: Infinity };

export async function* decodedLines(
  body: AsyncIterable<Uint8Array>,
  /** 'auto': UTF-8 or Windows-1252, found from the bytes (text-decoding.ts). */
  encoding = 'auto',
  onChunk?: (bytes: number) => void,
  limits = NO_LIMITS,
): AsyncGenerator<string[]> {
  const decoder = encoding === 'auto' ? new SniffingDecoder() : declared(encoding);
  let rest = '',
    seen = 0;
  const check = (parts: string[], last: string) => {
    seen += parts.length;
    if (seen > limits.lines)
      throw tooLarge('Trop de lignes', `Le fichier compte plus de ${count(limits.lines)} lignes.`);
    const long = parts.findIndex((p) => p.length > limits.lineChars);
    if (long >= 0 || last.length > limits.lineChars) {
      const line = long >= 0 ? seen - parts.length + long + 1 : seen + 1;
      throw outOfBounds(
        'Ligne trop longue',
        `Ligne ${count(line)} : plus de ${count(limits.lineChars)} caractères (« ${(long >= 0 ? parts[long]! : last).slice(0, 40)}… »).`,
        `ligne ${line}`,
      );
    }
  };
  for await (const chunk of body) {
    onChunk?.(chunk.byteLength);
    const parts = (rest + decoder.decode(chunk)).split('\n');
    rest = parts.pop()!;
    check(parts, rest);
    yield parts.map(stripCr);
  }
  rest += decoder.decode();
  if (rest) {
    check([rest], '');
    yield [stripCr(rest)];
  }
}

const declared = (encoding: string) => {
  const d = new TextDecoder(encoding);
  return { decode: (b?: Uint8Array) => d.decode(b, { stream: !!b }) };
};

const stripCr = (s: string) => (s.endsWith('\r') ? s.slice(0, -1) : s);
