import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** The files the repository holds: what a push would publish. */
export function trackedFiles(root: string = repoRoot): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  return out.split('\0').filter((file) => file.length > 0);
}

function isText(buffer: Buffer): boolean {
  return !buffer.subarray(0, 8000).includes(0);
}

/** Each tracked text file with its contents; binaries and files deleted in the working tree are left out. */
export function trackedTextFiles(root: string = repoRoot): Array<{ file: string; text: string }> {
  const files: Array<{ file: string; text: string }> = [];
  for (const file of trackedFiles(root)) {
    const full = path.join(root, file);
    if (!fs.existsSync(full)) continue;
    const buffer = fs.readFileSync(full);
    if (isText(buffer)) files.push({ file, text: buffer.toString('utf8') });
  }
  return files;
}
