import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readTable } from './read-table.ts';
import { bufferSink, countingSink, settled } from './test-sinks.ts';
import { writeCsv } from './write-csv.ts';

async function csvOf(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const sink = bufferSink();
  await writeCsv(sink.out, headers, rows);
  return sink.bytes();
}

describe('writeCsv', () => {
  it('writes UTF-8 with BOM, CRLF and quotes only where needed', async () => {
    const buf = await csvOf(
      ['单号', 'note'],
      [
        ['A-1', 'a,b'],
        ['A-2', 'say "hi"'],
        ['A-3', 'two\nlines'],
      ],
    );
    expect(buf.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(buf.subarray(3).toString('utf8')).toBe(
      '单号,note\r\nA-1,"a,b"\r\nA-2,"say ""hi"""\r\nA-3,"two\nlines"\r\n',
    );
  });

  it('defuses formula-like text but leaves plain numbers alone', async () => {
    const rows = [
      ['=HYPERLINK("http://x","y")', '+1+1', '-1+A1', '@SUM(A1)', '\tx', '\rx', '-12.5', -12.5, '+3', 'a=b'],
    ];
    const text = (await csvOf(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], rows))
      .subarray(3)
      .toString();
    expect(text.split('\r\n')[1]).toBe(
      `"'=HYPERLINK(""http://x"",""y"")",'+1+1,'-1+A1,'@SUM(A1),'\tx,"'\rx",-12.5,-12.5,+3,a=b`,
    );
    // Headers come from users too (custom field names).
    expect((await csvOf(['=cmd'], [])).subarray(3).toString()).toBe("'=cmd\r\n");
  });

  it('round-trips through readTable: same cells back', async () => {
    const when = new Date(Date.UTC(2026, 2, 1, 9, 30, 0));
    const rows = [
      ['A-1', '宫保鸡丁', 12.5, 3, true, new Date(Date.UTC(2026, 2, 1)), when, null, 'a,"b"\nc'],
      ['A-2', 'ラーメン', 0.1 + 0.2, -4, false, undefined, undefined, '', '=1+2'],
    ];
    const headers = ['单号', '商品', '单价', '数量', '启用', '日期', '时间', '空', '备注'];
    const table = await readTable(await csvOf(headers, rows), 'csv');
    expect(table.headers).toEqual(headers);
    expect(table.rows.map((r) => ({ rowNumber: r.rowNumber, ...r.cells }))).toEqual([
      {
        rowNumber: 2,
        ...{ 单号: 'A-1', 商品: '宫保鸡丁', 单价: '12.5', 数量: '3', 启用: 'TRUE' },
        ...{ 日期: '2026-03-01', 时间: '2026-03-01 09:30:00', 空: '', 备注: 'a,"b"\nc' },
      },
      {
        rowNumber: 3,
        ...{ 单号: 'A-2', 商品: 'ラーメン', 单价: '0.3', 数量: '-4', 启用: 'FALSE' },
        ...{ 日期: '', 时间: '', 空: '', 备注: '=1+2' },
      },
    ]);
  });

  it('streams 200,000 rows from an async source with the exact byte count', async () => {
    const count = 200_000;
    async function* rows() {
      for (let i = 0; i < count; i++) yield [`A-${i}`, `商品${i % 10}`, i % 100, 12.5];
    }
    let expected = 3 + Buffer.byteLength('单号,商品,数量,单价\r\n');
    for (let i = 0; i < count; i++) expected += Buffer.byteLength(`A-${i},商品${i % 10},${i % 100},12.5\r\n`);
    const sink = countingSink();
    await writeCsv(sink.out, ['单号', '商品', '数量', '单价'], rows());
    expect(sink.bytes()).toBe(expected);
  });

  it('stops pulling rows while the client is not reading', async () => {
    let pulled = 0;
    function* rows() {
      for (let i = 0; i < 100_000; i++, pulled++) yield [i, 'some text to fill the buffers'];
    }
    const held: (() => void)[] = [];
    const out = new Writable({ highWaterMark: 1024, write: (_c, _e, done) => held.push(done) });
    const writing = writeCsv(out, ['n', 'text'], rows());
    // Blocked on the client, well short of the 100,000 rows on offer.
    expect(await settled(() => pulled)).toBeLessThan(1_000);
    // Let the client read again: everything flows to the end.
    out._write = (_c, _e, done) => done();
    for (const done of held.splice(0)) done();
    await writing;
    expect(pulled).toBe(100_000);
  });

  it('fails and ends the output when the row source fails', async () => {
    async function* rows() {
      yield ['ok'];
      throw new Error('database went away');
    }
    const sink = bufferSink();
    await expect(writeCsv(sink.out, ['a'], rows())).rejects.toThrow('database went away');
    expect(sink.out.destroyed).toBe(true);
  });
});
