// `npm start`: the compiled server (dist/main.js, from `npm run build`) when it is newer than every
// source it was built from, otherwise the TypeScript sources through tsx, in this same process
// either way (no wrapper process; SIGTERM reaches the server). A stale build is never run: a
// newcomer who edits a file and restarts gets their change.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const built = join(root, 'dist', 'main.js');

/** The newest modification time of the files under `folder` (0 when it does not exist). */
function newestIn(folder) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(folder, { recursive: true, withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return newest;
}

function builtTime() {
  try {
    return statSync(built).mtimeMs;
  } catch {
    return 0;
  }
}

const sources = Math.max(newestIn(join(root, 'src')), newestIn(join(root, 'packages', 'authz', 'src')));
const compiled = builtTime();
// Tracing (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set) starts before the server's modules load.
if (compiled > sources) {
  await import(pathToFileURL(join(root, 'dist', 'tracing.js')).href);
  await import(pathToFileURL(built).href);
} else {
  if (compiled > 0) console.log('dist/ is older than the sources: running the sources (npm run build to compile them again).');
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', 'tracing', 'preload.ts')).href);
  await import(pathToFileURL(join(root, 'src', 'main.ts')).href);
}
