// The architecture rules of docs/adr (architecture-rules), each a pure function from an import
// graph to the list of its violations. A violation is one stable line of text (no line numbers),
// so a test can hold an exact allowlist of known ones and notice when one disappears.
import type { ImportEdge, ImportGraph } from './import-graph.ts';

/**
 * The layers of src/, lowest first. A file may import its own layer or any layer below, never one
 * above. Paths are prefixes: a folder ends with '/'.
 * - qr: the pure QR engine (also runs in the browser).
 * - foundation: the database and its dialects, crypto, clock, config, the error registry, ids, csv.
 * - http: the HTTP kit (problem+json, pages, auth contract, OpenAPI, metrics).
 * - context: what every module receives (AppContext).
 * - jobs: the job runner (modules declare jobs with its `Job` type).
 * - modules: the domain modules and their registry (src/modules/index.ts).
 * - app: builds the Fastify app from the modules.
 * - cli: the command line and the process entry point.
 */
export const LAYERS: readonly { name: string; paths: readonly string[] }[] = [
  { name: 'qr', paths: ['src/qr/'] },
  { name: 'foundation', paths: ['src/db/', 'src/crypto/', 'src/clock.ts', 'src/config.ts', 'src/errors.ts', 'src/ids.ts', 'src/csv.ts'] },
  { name: 'http', paths: ['src/http/'] },
  { name: 'context', paths: ['src/context.ts'] },
  { name: 'jobs', paths: ['src/jobs/'] },
  { name: 'modules', paths: ['src/modules/'] },
  { name: 'app', paths: ['src/app.ts'] },
  { name: 'cli', paths: ['src/cli/', 'src/main.ts'] },
];

/** The one file that reads the environment. */
export const ENV_READER = 'src/config.ts';

const within = (file: string, prefix: string) => (prefix.endsWith('/') ? file.startsWith(prefix) : file === prefix);
const inSrc = (edge: ImportEdge) => !edge.external && edge.to.startsWith('src/');

/** Repos and src/db are the only places that touch Kysely. */
export function isKyselyHome(file: string): boolean {
  return file.startsWith('src/db/') || file.endsWith('.repo.ts');
}

/** The module a file belongs to (`src/modules/<m>/…` → `<m>`), or undefined outside modules (the registry src/modules/index.ts included). */
export function moduleOf(file: string): string | undefined {
  const m = /^src\/modules\/([^/]+)\/./.exec(file);
  return m?.[1];
}

/**
 * Kysely values (a non-type import from 'kysely': `sql`, `Kysely`, helpers) and query-builder or
 * transaction calls only in repos and src/db. Type-only imports (`Kysely<Database>`,
 * `Transaction<Database>`, `Selectable<…>`) are allowed anywhere: the context and the services
 * hand the connection on to repos, and a type cannot run a query.
 */
export function checkKysely(graph: ImportGraph): string[] {
  const out = new Set<string>();
  for (const facts of graph.values()) {
    if (isKyselyHome(facts.file)) continue;
    for (const edge of facts.imports) {
      if (!edge.external || (edge.to !== 'kysely' && !edge.to.startsWith('kysely/')) || edge.typeOnly) continue;
      const values = edge.names.filter((n) => !n.typeOnly).map((n) => n.name);
      out.add(`kysely value: ${facts.file} imports ${values.length ? values.join(', ') : '(module)'} from ${edge.to}`);
    }
    for (const call of facts.queryCalls) out.add(`kysely call: ${facts.file} calls .${call.method}()`);
  }
  return [...out].sort();
}

/** Only src/config.ts reads process.env; everything else gets its settings from the Config. */
export function checkEnv(graph: ImportGraph): string[] {
  return [...graph.values()]
    .filter((f) => f.file !== ENV_READER && f.envReads.length > 0)
    .map((f) => `process.env: ${f.file}`)
    .sort();
}

/** A module is used through its entry, src/modules/<m>/index.ts, by everything outside it. */
export function checkModuleEntries(graph: ImportGraph): string[] {
  const out = new Set<string>();
  for (const facts of graph.values()) {
    for (const edge of facts.imports) {
      const target = inSrc(edge) ? moduleOf(edge.to) : undefined;
      if (!target || moduleOf(facts.file) === target) continue;
      if (edge.to !== `src/modules/${target}/index.ts`) out.add(`module internals: ${facts.file} -> ${edge.to}`);
    }
  }
  return [...out].sort();
}

/** The layer index of a file, or -1 when no layer claims it. */
export function layerOf(file: string, layers = LAYERS): number {
  return layers.findIndex((layer) => layer.paths.some((p) => within(file, p)));
}

/** No import runs back up the layers, and every file under src/ belongs to a layer. */
export function checkLayers(graph: ImportGraph, layers = LAYERS): string[] {
  const out = new Set<string>();
  for (const facts of graph.values()) {
    const own = layerOf(facts.file, layers);
    if (own < 0) {
      out.add(`unlayered: ${facts.file} (add it to LAYERS)`);
      continue;
    }
    for (const edge of facts.imports) {
      if (!inSrc(edge)) continue;
      const target = layerOf(edge.to, layers);
      if (target > own) out.add(`layer: ${facts.file} (${layers[own]!.name}) -> ${edge.to} (${layers[target]!.name})`);
    }
  }
  return [...out].sort();
}

/** Strongly connected components with more than one member (or a self-import), members sorted. */
export function stronglyConnected(nodes: Iterable<string>, next: (node: string) => Iterable<string>): string[][] {
  // Tarjan's algorithm, iterative so a long import chain cannot overflow the stack.
  const index = new Map<string, number>(),
    low = new Map<string, number>(),
    onStack = new Set<string>();
  const stack: string[] = [],
    out: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; children: Iterator<string> }[] = [];
    const enter = (node: string) => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, children: next(node)[Symbol.iterator]() });
    };
    enter(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      const step = top.children.next();
      if (!step.done) {
        const child = step.value;
        if (!index.has(child)) enter(child);
        else if (onStack.has(child)) low.set(top.node, Math.min(low.get(top.node)!, index.get(child)!));
        continue;
      }
      work.pop();
      if (work.length) low.set(work[work.length - 1]!.node, Math.min(low.get(work[work.length - 1]!.node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== top.node);
        const selfLoop = component.length === 1 && [...next(top.node)].includes(top.node);
        if (component.length > 1 || selfLoop) out.push(component.sort());
      }
    }
  }
  return out.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** No import cycle between files, type-only imports included (they still tie the files together). */
export function checkFileCycles(graph: ImportGraph): string[] {
  const next = (file: string) => (graph.get(file)?.imports ?? []).filter((e) => inSrc(e) && graph.has(e.to)).map((e) => e.to);
  return stronglyConnected([...graph.keys()].sort(), next).map((c) => `file cycle: ${c.join(' <-> ')}`);
}

/** No cycle between modules: if accounts uses campaigns, campaigns does not use accounts, by any path of files. */
export function checkModuleCycles(graph: ImportGraph): string[] {
  const edges = new Map<string, Set<string>>();
  for (const facts of graph.values()) {
    const from = moduleOf(facts.file);
    if (!from) continue;
    for (const edge of facts.imports) {
      const to = inSrc(edge) ? moduleOf(edge.to) : undefined;
      if (to && to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  const nodes = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((s) => [...s])])].sort();
  return stronglyConnected(nodes, (m) => [...(edges.get(m) ?? [])].sort()).map((c) => `module cycle: ${c.join(' <-> ')}`);
}

/** Every rule, by name, for the check script and the test. */
export const RULES: Record<string, (graph: ImportGraph) => string[]> = {
  kysely: checkKysely,
  env: checkEnv,
  'module-entries': checkModuleEntries,
  layers: (graph) => checkLayers(graph),
  'file-cycles': checkFileCycles,
  'module-cycles': checkModuleCycles,
};
