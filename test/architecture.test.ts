// The architecture rules (docs/adr, architecture-rules) checked on the import graph of src/:
//  - Kysely values only in repos (*.repo.ts) and src/db: a non-type import from 'kysely' (`sql`,
//    helpers) or a query-builder / transaction call (`.selectFrom(`, `.transaction()`, …) anywhere
//    else is a violation. Decision: type-only imports (`import type { Kysely, Transaction }`) are
//    allowed everywhere, because AppContext and the services carry the connection to the repos and
//    a type cannot run a query; services group repo calls with inTransaction (src/db/transaction.ts).
//  - process.env only in src/config.ts (src/cli and src/main.ts read none today).
//  - A module is used through its entry: anything outside src/modules/<m>/ imports only
//    src/modules/<m>/index.ts (the registry, app, jobs and cli included).
//  - No import runs back up the layers (LAYERS in scripts/lib/architecture-rules.ts, lowest first:
//    qr < foundation (db, crypto, clock, config, errors, ids, csv) < http < context < jobs (runner)
//    < modules < app < cli/main), and every file belongs to a layer.
//  - No import cycle between files (type-only imports included) and none between modules.
// Each rule is a pure function over a graph: it is first run on a small graph that breaks it on
// purpose (a checker that silently stopped finding anything fails here), then on the real tree.
// `npm run check:deps` prints the same violations for the real tree, without the allowlist.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEnv, checkFileCycles, checkKysely, checkLayers, checkModuleCycles, checkModuleEntries, RULES } from '../scripts/lib/architecture-rules.ts';
import { graphFromSources, readGraph } from '../scripts/lib/import-graph.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Known violations, exact, by rule: none. The restructuring of issue 15 removed the last ones.
 * Do not add to it: fix the import instead (an entry that no longer occurs fails the test).
 */
const PENDING: Record<string, string[]> = {};

describe('the import graph', () => {
  it('sees every form of import, type-only or not', () => {
    const graph = graphFromSources({
      'src/a.ts': [
        "import type { B } from './b.ts';",
        "import { type C } from './c.ts';",
        "import { d, type D } from './d.ts';",
        "export { e } from './e.ts';",
        "export type { F } from './f.ts';",
        "const g = await import('./g.ts');",
        "let h: import('./h.ts').H;",
        "import './i.ts';",
        "import { sql } from 'kysely';",
      ].join('\n'),
      ...Object.fromEntries(['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((n) => [`src/${n}.ts`, ''])),
    });
    const edges = graph.get('src/a.ts')!.imports.map((e) => `${e.to} ${e.kind}${e.typeOnly ? ' type' : ''}`);
    expect(edges).toEqual([
      'src/b.ts import type',
      'src/c.ts import type',
      'src/d.ts import',
      'src/e.ts export',
      'src/f.ts export type',
      'src/g.ts dynamic',
      'src/h.ts type-query type',
      'src/i.ts import',
      'kysely import',
    ]);
  });

  it('reads the real tree', () => {
    const graph = readGraph(ROOT);
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get('src/app.ts')!.imports.some((e) => e.to === 'src/modules/index.ts')).toBe(true);
    // Every relative import resolves to a file it read (package.json, read by the CLI for its version, is outside src/).
    const unresolved = [...graph.values()].flatMap((f) => f.imports.filter((e) => !e.external && e.to.startsWith('src/') && !graph.has(e.to)).map((e) => `${f.file} -> ${e.specifier}`));
    expect(unresolved).toEqual([]);
  });
});

describe('each rule fails when broken on purpose', () => {
  it('Kysely values and queries only in repos and src/db', () => {
    const graph = graphFromSources({
      'src/modules/a/a.service.ts': "import { sql, type Kysely } from 'kysely'; export const f = (db: any) => db.transaction().execute(async () => sql`1`);",
      'src/modules/a/b.service.ts': "import type { Kysely } from 'kysely'; export const g = (db: Kysely<any>) => db.selectFrom('t');",
      'src/modules/a/ok.service.ts': "import type { Kysely, Transaction } from 'kysely'; export type T = Kysely<any> | Transaction<any>;",
      'src/modules/a/a.repo.ts': "import { sql } from 'kysely'; export const q = (db: any) => db.selectFrom('t').where(sql`1`);",
      'src/db/x.ts': "import { sql } from 'kysely'; export const x = (db: any) => db.transaction();",
    });
    expect(checkKysely(graph)).toEqual([
      'kysely call: src/modules/a/a.service.ts calls .transaction()',
      'kysely call: src/modules/a/b.service.ts calls .selectFrom()',
      'kysely value: src/modules/a/a.service.ts imports sql from kysely',
    ]);
  });

  it('process.env only in src/config.ts', () => {
    const graph = graphFromSources({
      'src/config.ts': 'export const c = process.env.X;',
      'src/cli/x.ts': "export const y = process.env['Y'];",
      'src/main.ts': 'const { env } = process; export { env };',
    });
    expect(checkEnv(graph)).toEqual(['process.env: src/cli/x.ts']);
  });

  it('another module only through its index.ts', () => {
    const graph = graphFromSources({
      'src/modules/a/a.service.ts': "import { b } from '../b/b.service.ts'; import { c } from '../c/index.ts'; import { a2 } from './a2.ts';",
      'src/modules/a/a2.ts': "import type { B } from '../b/index.ts';",
      'src/modules/b/b.service.ts': '',
      'src/modules/b/index.ts': '',
      'src/modules/c/index.ts': '',
      'src/app.ts': "import { b } from './modules/b/b.service.ts';",
    });
    expect(checkModuleEntries(graph)).toEqual(['module internals: src/app.ts -> src/modules/b/b.service.ts', 'module internals: src/modules/a/a.service.ts -> src/modules/b/b.service.ts']);
  });

  it('no import back up the layers, and no file outside them', () => {
    const graph = graphFromSources({
      'src/qr/x.ts': "import type { Config } from '../config.ts';",
      'src/config.ts': '',
      'src/db/y.ts': "import { m } from '../modules/a/index.ts';",
      'src/modules/a/index.ts': "import { y } from '../../db/y.ts'; import { app } from '../../app.ts';",
      'src/app.ts': "import { m } from './modules/a/index.ts';",
      'src/stray.ts': '',
    });
    expect(checkLayers(graph)).toEqual([
      'layer: src/db/y.ts (foundation) -> src/modules/a/index.ts (modules)',
      'layer: src/modules/a/index.ts (modules) -> src/app.ts (app)',
      'layer: src/qr/x.ts (qr) -> src/config.ts (foundation)',
      'unlayered: src/stray.ts (add it to LAYERS)',
    ]);
  });

  it('no cycle between files, type-only included', () => {
    const graph = graphFromSources({
      'src/a.ts': "import type { B } from './b.ts';",
      'src/b.ts': "import { c } from './c.ts';",
      'src/c.ts': "export const c = () => import('./a.ts');",
      'src/d.ts': "import { a } from './a.ts';",
      'src/e.ts': "import { e } from './e.ts';",
    });
    expect(checkFileCycles(graph)).toEqual(['file cycle: src/a.ts <-> src/b.ts <-> src/c.ts', 'file cycle: src/e.ts']);
  });

  it('no cycle between modules', () => {
    const graph = graphFromSources({
      'src/modules/a/index.ts': "export { w } from './w.ts';",
      'src/modules/a/w.ts': '',
      'src/modules/a/x.ts': "import type { Y } from '../b/index.ts';",
      'src/modules/b/index.ts': "export type { Y } from './y.ts';",
      'src/modules/b/y.ts': "import { z } from '../c/index.ts';",
      'src/modules/c/index.ts': "import { x } from '../a/index.ts';",
      'src/modules/d/index.ts': "import { x } from '../a/index.ts';",
    });
    expect(checkFileCycles(graph)).toEqual([]);
    expect(checkModuleCycles(graph)).toEqual(['module cycle: a <-> b <-> c']);
  });

  it('a tree that keeps every rule passes them all', () => {
    const graph = graphFromSources({
      'src/qr/index.ts': '',
      'src/config.ts': 'export const env = process.env;',
      'src/db/schema.ts': "import { sql } from 'kysely';",
      'src/context.ts': "import type { Kysely } from 'kysely'; import type { Db } from './db/schema.ts';",
      'src/modules/a/index.ts': "export { f } from './a.service.ts';",
      'src/modules/a/a.service.ts': "import { q } from './a.repo.ts'; import type { Ctx } from '../../context.ts'; import { qr } from '../../qr/index.ts';",
      'src/modules/a/a.repo.ts': "import { sql } from 'kysely'; export const q = (db: any) => db.selectFrom('t');",
      'src/modules/b/index.ts': "import { f } from '../a/index.ts';",
      'src/modules/index.ts': "import { f } from './a/index.ts'; import './b/index.ts';",
      'src/app.ts': "import { modules } from './modules/index.ts';",
      'src/main.ts': "import { app } from './app.ts';",
    });
    for (const [name, rule] of Object.entries(RULES)) expect(rule(graph), name).toEqual([]);
  });
});

describe('src/ keeps the architecture rules', () => {
  const graph = readGraph(ROOT);
  for (const [name, rule] of Object.entries(RULES)) {
    it(`${name}: no violation beyond the pending list, and no stale entry in it`, () => {
      const found = rule(graph);
      const pending = new Set(PENDING[name] ?? []);
      expect(
        found.filter((v) => !pending.has(v)),
        'new violations',
      ).toEqual([]);
      expect(
        [...pending].filter((v) => !found.includes(v)),
        'stale PENDING entries: delete them',
      ).toEqual([]);
    });
  }
  it('has a pending list only for rules that exist', () => {
    expect(Object.keys(PENDING).filter((name) => !(name in RULES))).toEqual([]);
  });
});
