import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { Figure } from './types.ts';

export type Row = { scenario: string; figure: Figure; run: number };

const num = (v: number | null, unit: string) => {
  if (v === null) return '–';
  if (unit === 'ms' || unit === 's' || unit === 'MB' || unit === 'KB') return v.toFixed(v < 10 ? 2 : 0);
  return Math.abs(v) >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(2);
};

export const met = (f: Figure): boolean | null => {
  if (f.value === null) return null;
  const okGoal = !f.goal
    ? true
    : f.goal.op === '>='
      ? f.value >= f.goal.value
      : f.goal.op === '<='
        ? f.value <= f.goal.value
        : f.value === f.goal.value;
  const okCeiling = f.ceiling?.goal === undefined || f.value / f.ceiling.value >= f.ceiling.goal;
  return okGoal && okCeiling;
};

/** The machine, the database server and the commit, as printed and stored. */
export function machine(dbVersion: string) {
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    if (execSync('git status --porcelain', { encoding: 'utf8' }).trim()) commit += '+changes';
  } catch {}
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    database: dbVersion,
    commit,
  };
}

/** One line per figure: both runs side by side, the goal, the ratio to the ceiling, met or not. */
export function printTable(rows: Row[], runs: number) {
  const keys = [...new Map(rows.map((r) => [`${r.scenario}\u0000${r.figure.name}`, r])).keys()];
  const head = [
    'scenario',
    'figure',
    ...Array.from({ length: runs }, (_, i) => `run ${i + 1}`),
    'unit',
    'goal',
    'ceiling (ratio, goal)',
    'met',
  ];
  const lines = keys.map((k) => {
    const [scenario, name] = k.split('\u0000') as [string, string];
    const per = Array.from({ length: runs }, (_, i) =>
      rows.find((r) => r.scenario === scenario && r.figure.name === name && r.run === i + 1),
    );
    const f = per.find(Boolean)!.figure;
    const ceil = per
      .map((r) =>
        r?.figure.ceiling
          ? `${num(r.figure.ceiling.value, f.unit)} (${((r.figure.value ?? 0) / r.figure.ceiling.value).toFixed(2)}×)`
          : '',
      )
      .filter(Boolean)
      .join(' / ');
    const goalRatio = f.ceiling?.goal !== undefined ? `, ≥${f.ceiling.goal}×` : '';
    const oks = per.map((r) => (r ? met(r.figure) : null));
    return [
      scenario,
      name,
      ...per.map((r) => (r ? num(r.figure.value, f.unit) : '')),
      f.unit,
      f.goal ? `${f.goal.op} ${f.goal.value}` : '',
      ceil ? `${f.ceiling!.name} ${ceil}${goalRatio}` : '',
      oks.every((o) => o === null) ? '' : oks.every((o) => o !== false) ? 'yes' : 'NO',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(fmt(head));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  let last = '';
  for (const l of lines) {
    console.log(fmt(l[0] === last ? ['', ...l.slice(1)] : l));
    last = l[0]!;
  }
}

export function writeResults(file: string, info: Record<string, unknown>, rows: Row[]) {
  fs.writeFileSync(
    file,
    `${JSON.stringify(
      {
        ...info,
        figures: rows.map(({ scenario, figure, run }) => ({
          scenario,
          run,
          ...figure,
          ratioToCeiling:
            figure.ceiling && figure.value !== null ? figure.value / figure.ceiling.value : undefined,
          met: met(figure),
        })),
      },
      null,
      2,
    )}\n`,
  );
}
