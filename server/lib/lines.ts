// Lines of a byte stream, decoded as they arrive: the file is never held whole. Yields the lines
// completed by each chunk (a batch), without their end of line (LF or CRLF).

export async function* decodedLines(body: ReadableStream<Uint8Array>, encoding = 'latin1', onChunk?: (bytes: number) => void): AsyncGenerator<string[]> {
  // 'latin1' is windows-1252 for TextDecoder: the same letters, plus € and curly quotes in 0x80-0x9F.
  const decoder = new TextDecoder(encoding);
  let rest = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    onChunk?.(chunk.byteLength);
    const parts = (rest + decoder.decode(chunk, { stream: true })).split('\n');
    rest = parts.pop()!;
    yield parts.map(stripCr);
  }
  rest += decoder.decode();
  if (rest) yield [stripCr(rest)];
}

const stripCr = (s: string) => (s.endsWith('\r') ? s.slice(0, -1) : s);
