import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploaded files live. Local disk under DATA_DIR by default; an S3-compatible store would
 * implement the same three calls (DESIGN: files outgrow one disk).
 */
export type Storage = {
  /** Stores the bytes under a new key in a folder (e.g. `plans`) and returns the key. */
  put(folder: string, bytes: Buffer, ext: string): Promise<string>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
};

const KEY_RE = /^[a-z-]+\/[0-9a-f-]{36}\.[a-z0-9]{1,5}$/;

export function createLocalStorage(root: string): Storage {
  const file = (key: string) => {
    // Keys are made here; anything else is refused rather than resolved outside the root.
    if (!KEY_RE.test(key)) throw new Error(`bad storage key ${key}`);
    return path.join(root, key);
  };
  return {
    async put(folder, bytes, ext) {
      const key = `${folder}/${randomUUID()}.${ext}`;
      await fs.mkdir(path.join(root, folder), { recursive: true });
      await fs.writeFile(file(key), bytes);
      return key;
    },
    get: (key) => fs.readFile(file(key)),
    async remove(key) {
      await fs.rm(file(key), { force: true });
    },
  };
}
