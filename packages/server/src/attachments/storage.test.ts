import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { localDiskStorage, newStorageKey, StorageMissingError } from './storage.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'orderloop-storage-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const storage = localDiskStorage(root);
const biz = '01900000-0000-7000-8000-000000000001';
const read = async (s: Readable) => Buffer.concat(await s.toArray());

describe('local disk storage', () => {
  it('stores buffers and streams, reads them back, removes them', async () => {
    const a = newStorageKey(biz);
    const b = `${newStorageKey(biz)}.webp`;
    await storage.put(a, Buffer.from('hello'));
    await storage.put(b, Readable.from([Buffer.from('str'), Buffer.from('eam')]));
    expect((await read(await storage.get(a))).toString()).toBe('hello');
    expect((await read(await storage.get(b))).toString()).toBe('stream');
    expect(await storage.stat(b)).toEqual({ size: 6 });
    await storage.delete(a);
    await storage.delete(a); // a second delete is no error
    expect(await storage.stat(a)).toBeNull();
    await expect(storage.get(a)).rejects.toBeInstanceOf(StorageMissingError);
    // no temporary files are left behind
    expect(
      fs
        .readdirSync(root, { recursive: true })
        .map(String)
        .some((f) => f.endsWith('.partial')),
    ).toBe(false);
  });

  it('makes unguessable keys in the business folder and never overwrites one', async () => {
    const key = newStorageKey(biz);
    expect(key).toMatch(new RegExp(`^${biz}/([0-9a-f]{2})/\\1[0-9a-f]{30}$`));
    expect(newStorageKey(biz)).not.toBe(key);
    await storage.put(key, Buffer.from('first'));
    await expect(storage.put(key, Buffer.from('second'))).rejects.toThrow();
    expect((await read(await storage.get(key))).toString()).toBe('first');
  });

  it('refuses anything that is not a key it made (no way out of its folder)', async () => {
    for (const bad of ['../etc/passwd', `${biz}/../../x`, '/etc/passwd', `${biz}/ab/photo.jpg`, ''])
      await expect(storage.put(bad, Buffer.from('x'))).rejects.toThrow(/not a storage key/);
  });
});
