import { LINE_TOO_LONG, readLines, type InputLine } from '../../src/attribution/line-reader';

async function linesOf(chunks: (string | Buffer)[], maxLineBytes = 100): Promise<InputLine[]> {
  const lines: InputLine[] = [];
  for await (const line of readLines(chunksOf(chunks), maxLineBytes)) lines.push(line);
  return lines;
}

async function* chunksOf(chunks: (string | Buffer)[]): AsyncGenerator<string | Buffer> {
  yield* chunks;
}

describe('readLines', () => {
  it.each<{ name: string; chunks: (string | Buffer)[]; want: InputLine[] }>([
    { name: 'when the input is empty, then there is no line', chunks: [], want: [] },
    {
      name: 'when lines end with newlines, then each is one line',
      chunks: ['a\nb\n'],
      want: ['a', 'b'],
    },
    {
      name: 'when the last line has no newline, then it still counts',
      chunks: ['a\nb'],
      want: ['a', 'b'],
    },
    {
      name: 'when a line spans chunks, then it is joined',
      chunks: ['ab', 'c', 'd\ne'],
      want: ['abcd', 'e'],
    },
    {
      name: 'when a line is empty, then it is an empty line',
      chunks: ['a\n\nb\n'],
      want: ['a', '', 'b'],
    },
    {
      name: 'when lines end with CRLF, then the CR is kept for the parser (JSON whitespace)',
      chunks: ['a\r\nb\r\n'],
      want: ['a\r', 'b\r'],
    },
    {
      name: 'when a multi-byte character is split between chunks, then it is decoded whole',
      chunks: [Buffer.from([0x22, 0xc3]), Buffer.from([0xbc, 0x22, 0x0a])],
      want: ['"ü"'],
    },
  ])('$name', async ({ chunks, want }) => {
    expect(await linesOf(chunks)).toEqual(want);
  });

  it('when a line is longer than the limit, then it is reported too long and the next is read', async () => {
    const long = 'x'.repeat(60);

    const lines = await linesOf(['ok\n', long, long, '\nnext\n'], 100);

    expect(lines).toEqual(['ok', LINE_TOO_LONG, 'next']);
  });

  it('when a line is exactly at the limit, then it is read', async () => {
    const lines = await linesOf(['y'.repeat(100), '\n'], 100);

    expect(lines).toEqual(['y'.repeat(100)]);
  });

  it('when the last line is too long and has no newline, then it is reported too long', async () => {
    expect(await linesOf(['a\n', 'z'.repeat(101)], 100)).toEqual(['a', LINE_TOO_LONG]);
  });
});
