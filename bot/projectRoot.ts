import fs from 'node:fs';
import path from 'node:path';

/** The repository root, whether running from bot/ (ts) or dist/bot/ (compiled). */
export function projectRoot(start = __dirname): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
}
