// `npm run check:deps`: the architecture rules of test/architecture.test.ts on the src/ import
// graph, without its allowlist of pending violations. Prints every cycle, back-up import,
// reach into another module's files, stray Kysely use or process.env read, and exits 1 if there
// is any. Options: --rule NAME (repeatable: kysely, env, module-entries, layers, file-cycles,
// module-cycles), --quiet (counts only).
import path from 'node:path';
import { RULES } from './lib/architecture-rules.ts';
import { readGraph } from './lib/import-graph.ts';

const args = process.argv.slice(2);
const only = args.flatMap((a, i) => (a === '--rule' && args[i + 1] ? [args[i + 1]!] : []));
const unknown = only.filter((name) => !(name in RULES));
if (unknown.length) {
  console.error(`Unknown rule ${unknown.join(', ')}; the rules are: ${Object.keys(RULES).join(', ')}.`);
  process.exit(2);
}
const quiet = args.includes('--quiet');
const graph = readGraph(path.resolve(import.meta.dirname, '..'));
const edges = [...graph.values()].reduce((n, f) => n + f.imports.length, 0);
console.log(`src/: ${graph.size} files, ${edges} imports`);
let total = 0;
for (const [name, rule] of Object.entries(RULES)) {
  if (only.length && !only.includes(name)) continue;
  const violations = rule(graph);
  total += violations.length;
  console.log(`${violations.length ? '✗' : '✓'} ${name}: ${violations.length}`);
  if (!quiet) for (const v of violations) console.log(`    ${v}`);
}
if (total) console.log(`${total} violation(s); see docs/adr (architecture-rules) for the rules.`);
process.exit(total ? 1 : 0);
