/**
 * Measures a million-row order export as CSV and as XLSX into a byte-counting sink: elapsed time and
 * peak RSS (sampled every 100 ms). Not a test — figures vary by machine. Run:
 *   npx tsx packages/server/src/spreadsheets/measure-export.ts [rows] [--slow]
 * --slow makes the sink pause now and then, like a slow client, to show memory still stays flat.
 */
import { countingSink } from './test-sinks.ts';
import { writeCsv } from './write-csv.ts';
import { writeXlsx } from './write-xlsx.ts';

const HEADERS = ['订单号', '下单时间', '门店', '客户', 'SKU', '商品', '数量', '单价', '金额', '状态'];
const STORES = ['上海徐汇店', '北京朝阳店', '深圳南山店', '杭州西湖店'];
const PRODUCTS = ['宫保鸡丁', '鱼香肉丝', '麻婆豆腐', 'Latte 大杯', '牛肉拉面', '可乐 330ml'];
const STATES = ['submitted', 'confirmed', 'in_production', 'ready', 'completed'];

function* orderLines(count: number): Generator<unknown[]> {
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < count; i++) {
    const qty = 1 + (i % 7);
    const price = 1200 + (i % 50) * 100;
    yield [
      `A-20260101-${String(i).padStart(7, '0')}`,
      new Date(start + i * 37_000),
      STORES[i % STORES.length],
      `客户${i % 5000}`,
      `SKU-${i % 900}`,
      PRODUCTS[i % PRODUCTS.length],
      qty,
      price / 100,
      (qty * price) / 100,
      STATES[i % STATES.length],
    ];
  }
}

async function measure(label: string, run: () => Promise<number>): Promise<void> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  const started = performance.now();
  const bytes = await run();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    `${label}: ${seconds.toFixed(1)} s, ${mb(bytes)} written, peak RSS ${mb(peak)} (baseline ${mb(baseline)})`,
  );
}

const rowCount = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const slow = process.argv.includes('--slow');
const sinkOptions = slow ? { delayEvery: 50 } : {};
console.log(`${rowCount} rows × ${HEADERS.length} columns${slow ? ', slow sink' : ''}`);

await measure('CSV ', async () => {
  const sink = countingSink(sinkOptions);
  await writeCsv(sink.out, HEADERS, orderLines(rowCount));
  return sink.bytes();
});
await measure('XLSX', async () => {
  const sink = countingSink(sinkOptions);
  await writeXlsx(sink.out, { name: '订单明细', headers: HEADERS }, orderLines(rowCount));
  return sink.bytes();
});
