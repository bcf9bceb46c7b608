/**
 * Before `npm start`: builds the web panel when `admin/dist` is missing or older than its
 * sources, so the server always serves the panel the code describes (a build takes ~10 s).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const admin = fileURLToPath(new URL('../admin', import.meta.url));

function newest(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = statSync(join(admin, 'dist', 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
const sources = Math.max(...['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => newest(join(admin, p))));
if (built < sources) {
  console.log('Building the web panel (admin/) …');
  const result = spawnSync('npm', ['run', '-s', 'build', '-w', 'admin'], { stdio: 'inherit', cwd: join(admin, '..') });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
