// `npm run build:web` builds the dashboard; `--if-stale` (npm start's prestart) only when its
// sources changed since the last build, and never fails a production install without Vite.
import { buildWeb, ensureWebBuild, VITE_MISSING, viteInstalled } from './web-build.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);
if (process.argv.includes('--if-stale')) await ensureWebBuild(log);
else if (!(await viteInstalled())) {
  log(`cannot build the dashboard: ${VITE_MISSING}`);
  process.exitCode = 1;
} else await buildWeb(log);
