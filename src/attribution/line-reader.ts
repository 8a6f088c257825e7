/**
 * Newline-delimited records from a byte stream, read as they arrive (so `tail -F … | ingest -`
 * works) and with bounded memory: a line longer than the limit is skipped without being held,
 * and reported as too long instead of its text.
 */

export const LINE_TOO_LONG = Symbol('line too long');

export type InputLine = string | typeof LINE_TOO_LONG;

const NEWLINE = 0x0a;

/**
 * Splitting on the byte 0x0A is safe in UTF-8 (it never occurs inside a multi-byte
 * character), so each line is decoded once, whole. A final line without a newline counts.
 */
export async function* readLines(
  source: AsyncIterable<Buffer | string>,
  maxLineBytes: number,
): AsyncGenerator<InputLine> {
  const line = new LineBuffer(maxLineBytes);
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
      line.append(bytes.subarray(start, end));
      yield line.take();
      start = end + 1;
    }
    line.append(bytes.subarray(start));
  }
  if (!line.isEmpty()) yield line.take();
}

/** The bytes of the line being read, or only the fact that it is too long. */
class LineBuffer {
  private pieces: Buffer[] = [];
  private length = 0;
  private tooLong = false;

  constructor(private readonly maxBytes: number) {}

  append(piece: Buffer): void {
    if (piece.length === 0 || this.tooLong) return;
    this.length += piece.length;
    if (this.length > this.maxBytes) {
      this.tooLong = true;
      this.pieces = [];
      return;
    }
    this.pieces.push(piece);
  }

  isEmpty(): boolean {
    return this.length === 0;
  }

  take(): InputLine {
    const line = this.tooLong ? LINE_TOO_LONG : decode(this.pieces);
    this.pieces = [];
    this.length = 0;
    this.tooLong = false;
    return line;
  }
}

function decode(pieces: readonly Buffer[]): string {
  if (pieces.length === 1) return pieces[0].toString('utf8');
  return Buffer.concat(pieces).toString('utf8');
}
