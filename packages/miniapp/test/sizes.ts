import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export type FileSize = { file: string; bytes: number; gzip: number };

export function filesOf(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.LICENSE.txt') && e.name !== '.built')
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

export const sizeOf = (dir: string, file: string): FileSize => {
  const data = fs.readFileSync(path.join(dir, file));
  return { file, bytes: data.length, gzip: gzipSync(data).length };
};

/**
 * A mini-program package's size as WeChat counts it: every file uploaded (licence notes are not),
 * leaving out the subpackage folders named (they count against their own limit).
 */
export const packageBytes = (dir: string, without: string[] = []) =>
  filesOf(dir)
    .filter((f) => !without.some((root) => f === root || f.startsWith(`${root}/`)))
    .reduce((n, f) => n + sizeOf(dir, f).bytes, 0);

export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
