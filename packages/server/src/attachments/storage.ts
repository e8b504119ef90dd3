import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where attachment bytes live. Keys are made by the server (`newStorageKey`), never from a client's
 * file name, and are opaque to the store: `<business id>/<2 hex>/<32 hex>[.suffix]`.
 *
 * An S3-compatible store implements the same four calls: `put` = PutObject (a multipart upload
 * for large streams), `get` = GetObject's body stream, `stat` = HeadObject (null on 404/NoSuchKey),
 * `delete` = DeleteObject (which already succeeds for a missing key). Nothing else in the server
 * touches the files, so swapping the store is a construction-time choice (see `createStorage`).
 */
export type FileStorage = {
  /** Stores the bytes under the key, replacing nothing: a key is written once. */
  put(key: string, data: Buffer | Readable): Promise<void>;
  /** The bytes as a stream; rejects with `StorageMissingError` when the key holds nothing. */
  get(key: string): Promise<Readable>;
  stat(key: string): Promise<{ size: number } | null>;
  /** Removes the key; a key that holds nothing is not an error. */
  delete(key: string): Promise<void>;
};

export class StorageMissingError extends Error {
  constructor(key: string) {
    super(`no stored file under ${key}`);
  }
}

const KEY = /^[0-9a-f-]{36}\/[0-9a-f]{2}\/[0-9a-f]{32}(\.[a-z0-9]{1,12})?$/;

/** A fresh, unguessable key in a business's folder (128 random bits). */
export function newStorageKey(businessId: string): string {
  const name = randomBytes(16).toString('hex');
  return `${businessId}/${name.slice(0, 2)}/${name}`;
}

/**
 * Files under one folder on the local disk. A key maps to a path only after it matched the key
 * format, so no key reaches outside the folder. Writes go to a temporary name first and are renamed
 * into place, so a crash never leaves half a file under a real key.
 */
export function localDiskStorage(root: string): FileStorage {
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
    return path.join(root, key);
  };
  return {
    async put(key, data) {
      const file = pathOf(key);
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${randomBytes(6).toString('hex')}.partial`;
      try {
        if (Buffer.isBuffer(data)) await fs.promises.writeFile(tmp, data, { flag: 'wx' });
        else await pipeline(data, fs.createWriteStream(tmp, { flags: 'wx' }));
        await fs.promises.link(tmp, file); // fails if the key exists: a key is written once
      } finally {
        await fs.promises.rm(tmp, { force: true });
      }
    },
    async get(key) {
      const file = pathOf(key);
      const handle = await fs.promises.open(file, 'r').catch((err: NodeJS.ErrnoException) => {
        throw err.code === 'ENOENT' ? new StorageMissingError(key) : err;
      });
      return handle.createReadStream();
    },
    async stat(key) {
      const s = await fs.promises.stat(pathOf(key)).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return null;
        throw err;
      });
      return s ? { size: s.size } : null;
    },
    async delete(key) {
      await fs.promises.rm(pathOf(key), { force: true });
    },
  };
}

/** The deployment's store: the local disk under ATTACHMENT_DIR (by default `<DATA_DIR>/attachments`). */
export const createStorage = (config: { attachments: { dir: string } }): FileStorage =>
  localDiskStorage(config.attachments.dir);
