// `npm run build:web` builds the dashboard; `--if-stale` (npm start's prestart) only when its
// sources changed since the last build, and never fails a production install without Vite.
import { buildWeb, ensureWebBuild } from './web-build.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);
if (process.argv.includes('--if-stale')) await ensureWebBuild(log);
else await buildWeb(log);
