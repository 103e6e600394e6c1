// Codemod: make every use of a module go through its entry, src/modules/<m>/index.ts (the
// module-entries rule of test/architecture.test.ts). For each import of src/modules/<m>/<file>.ts
// from outside <m>, the imported names are exported from <m>/index.ts (created with a one-line
// header if missing; merged into its existing `export { … } from` lines; `export type` for names
// every importer takes as types) and the import is pointed at that index. Idempotent: a second
// run finds nothing to do. Imports it cannot move safely (default or namespace imports, dynamic
// import(), a name the index already exports from another file) are left as they are and listed.
//
//   node scripts/codemods/module-entries.ts [--root DIR] [--dry-run]
//
// Run `npm run typecheck` and test/architecture.test.ts afterwards: routing imports through an
// index can close a cycle between modules that imported each other's files.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { moduleOf } from '../lib/architecture-rules.ts';
import { type ImportEdge, readGraph } from '../lib/import-graph.ts';

const args = process.argv.slice(2);
const rootArg = args.flatMap((a, i) => (a === '--root' && args[i + 1] ? [args[i + 1]!] : []))[0];
const ROOT = path.resolve(rootArg ?? path.join(import.meta.dirname, '../..'));
const DRY = args.includes('--dry-run');

type Edit = { start: number; end: number; text: string };

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function relativeSpecifier(fromFile: string, toFile: string): string {
  const rel = path.posix.relative(path.posix.dirname(fromFile), toFile);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** What an index.ts exports today: by name, the file it comes from (undefined for its own declarations) and whether only as a type. */
interface IndexExports {
  byName: Map<string, { from: string | undefined; typeOnly: boolean; statement?: ts.ExportDeclaration }>;
  starFrom: Set<string>;
  /** The `export { … } from` statements by `${file}|${typeOnly}`, to merge new names into. */
  statements: Map<string, ts.ExportDeclaration>;
  source: ts.SourceFile;
}

function readIndex(indexFile: string, text: string): IndexExports {
  const source = ts.createSourceFile(indexFile, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const result: IndexExports = { byName: new Map(), starFrom: new Set(), statements: new Map(), source };
  const dir = path.posix.dirname(indexFile);
  const resolveFrom = (spec: string) => path.posix.normalize(path.posix.join(dir, spec));
  for (const stmt of source.statements) {
    if (ts.isExportDeclaration(stmt)) {
      const from = stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier) ? resolveFrom(stmt.moduleSpecifier.text) : undefined;
      if (!stmt.exportClause) {
        if (from) result.starFrom.add(from);
        continue;
      }
      if (!ts.isNamedExports(stmt.exportClause)) continue;
      const onlyTypes = stmt.isTypeOnly || stmt.exportClause.elements.every((el) => el.isTypeOnly);
      if (from && !result.statements.has(`${from}|${onlyTypes}`)) result.statements.set(`${from}|${onlyTypes}`, stmt);
      for (const el of stmt.exportClause.elements) {
        // `export { a as b } from './x.ts'` exports b, which is x's a: only a plain name can be merged.
        const plain = !el.propertyName || el.propertyName.text === el.name.text;
        result.byName.set(el.name.text, { from: plain ? from : `${from}#${el.propertyName!.text}`, typeOnly: stmt.isTypeOnly || el.isTypeOnly, statement: stmt });
      }
    } else {
      const exported = ts.canHaveModifiers(stmt) && ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) continue;
      const typeOnly = ts.isInterfaceDeclaration(stmt) || ts.isTypeAliasDeclaration(stmt);
      if (ts.isVariableStatement(stmt)) {
        for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name)) result.byName.set(d.name.text, { from: undefined, typeOnly: false });
      } else if ('name' in stmt && stmt.name && ts.isIdentifier(stmt.name as ts.Node)) {
        result.byName.set((stmt.name as ts.Identifier).text, { from: undefined, typeOnly });
      }
    }
  }
  return result;
}

const graph = readGraph(ROOT);
const exists = (file: string) => graph.has(file);

// Imports to move, grouped by the module they reach into.
const byModule = new Map<string, ImportEdge[]>();
const skipped: string[] = [];
for (const facts of graph.values()) {
  for (const edge of facts.imports) {
    const target = edge.external ? undefined : moduleOf(edge.to);
    if (!target || moduleOf(facts.file) === target || edge.to === `src/modules/${target}/index.ts`) continue;
    if (!exists(edge.to)) continue;
    if (edge.kind === 'dynamic' || edge.names.some((n) => n.name === 'default' || n.name === '*') || (edge.kind !== 'type-query' && edge.names.length === 0)) {
      skipped.push(`${facts.file}:${edge.line}: ${edge.kind} import of ${edge.specifier} (default, namespace, dynamic or bare): move it by hand`);
      continue;
    }
    byModule.set(target, [...(byModule.get(target) ?? []), edge]);
  }
}

const importerEdits = new Map<string, Edit[]>();
const written: string[] = [];
const created: string[] = [];
let rewritten = 0;
let namesAdded = 0;

for (const [module, edges] of [...byModule].sort(([a], [b]) => a.localeCompare(b))) {
  const indexFile = `src/modules/${module}/index.ts`;
  const indexPath = path.join(ROOT, indexFile);
  const isNew = !fs.existsSync(indexPath);
  const indexText = isNew ? `// Public entry of the ${module} module: what the rest of the app may use from it.\n` : fs.readFileSync(indexPath, 'utf8');
  const current = readIndex(indexFile, indexText);

  // name → the file it must come from and whether some importer needs it as a value.
  const wanted = new Map<string, { from: string; value: boolean }>();
  const blocked = new Set<ImportEdge>();
  for (const edge of edges) {
    for (const n of edge.names) {
      const have = current.byName.get(n.name);
      const other = wanted.get(n.name);
      if ((have && have.from !== edge.to) || (other && other.from !== edge.to)) {
        skipped.push(`${edge.from}:${edge.line}: ${n.name} from ${edge.to}, but ${indexFile} exports (or must export) another ${n.name}: move it by hand`);
        blocked.add(edge);
        continue;
      }
      wanted.set(n.name, { from: edge.to, value: (other?.value ?? false) || !n.typeOnly });
    }
  }

  // Per source file, the value and type names to add (a type export upgraded to a value moves lists).
  const additions = new Map<string, { values: Set<string>; types: Set<string> }>();
  const dropFromTypeStatement = new Map<ts.ExportDeclaration, Set<string>>();
  for (const [name, want] of wanted) {
    const have = current.byName.get(name);
    if (current.starFrom.has(want.from)) continue;
    if (have && (!have.typeOnly || !want.value)) continue;
    const entry = additions.get(want.from) ?? { values: new Set(), types: new Set() };
    additions.set(want.from, entry);
    if (want.value) entry.values.add(name);
    else entry.types.add(name);
    if (have?.typeOnly && want.value && have.statement) dropFromTypeStatement.set(have.statement, (dropFromTypeStatement.get(have.statement) ?? new Set()).add(name));
    namesAdded++;
  }

  const edits: Edit[] = [];
  const rendered = new Map<ts.ExportDeclaration, string[]>();
  const elementsOf = (stmt: ts.ExportDeclaration) => rendered.get(stmt) ?? (stmt.exportClause as ts.NamedExports).elements.map((el) => el.getText(current.source));
  for (const [stmt, names] of dropFromTypeStatement)
    rendered.set(
      stmt,
      elementsOf(stmt).filter((el) => !names.has(el.replace(/^type\s+/, ''))),
    );
  const appended: string[] = [];
  for (const [file, { values, types }] of [...additions].sort(([a], [b]) => a.localeCompare(b))) {
    const spec = relativeSpecifier(indexFile, file);
    for (const [names, typeOnly] of [
      [values, false],
      [types, true],
    ] as const) {
      if (names.size === 0) continue;
      const existing = current.statements.get(`${file}|${typeOnly}`);
      if (existing) rendered.set(existing, [...elementsOf(existing), ...[...names].sort()]);
      else appended.push(`export ${typeOnly ? 'type ' : ''}{ ${[...names].sort().join(', ')} } from '${spec}';`);
    }
  }
  for (const [stmt, elements] of rendered) {
    const spec = (stmt.moduleSpecifier as ts.StringLiteral).getText(current.source);
    const text = elements.length === 0 ? '' : `export ${stmt.isTypeOnly ? 'type ' : ''}{ ${elements.join(', ')} } from ${spec};`;
    const end = text === '' && indexText[stmt.getEnd()] === '\n' ? stmt.getEnd() + 1 : stmt.getEnd();
    edits.push({ start: stmt.getStart(current.source), end, text });
  }
  let next = applyEdits(indexText, edits).replace(/\n{3,}/g, '\n\n');
  if (appended.length) next = `${next.replace(/\n*$/, '\n')}${appended.join('\n')}\n`;
  if (next !== indexText || isNew) {
    if (!DRY) fs.writeFileSync(indexPath, next);
    (isNew ? created : written).push(indexFile);
  }

  for (const edge of edges) {
    if (blocked.has(edge)) continue;
    const list = importerEdits.get(edge.from) ?? [];
    list.push({ start: edge.span[0], end: edge.span[1], text: relativeSpecifier(edge.from, indexFile) });
    importerEdits.set(edge.from, list);
    rewritten++;
  }
}

/**
 * Joins the named imports of one module entry into one declaration (`import { a, type B } from
 * '../m/index.ts'`, or `import type { … }` when every name is a type), where the rewrite left several.
 */
function mergeImports(file: string, text: string, specifiers: Set<string>): string {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const groups = new Map<string, ts.ImportDeclaration[]>();
  for (const stmt of source.statements) {
    if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier) || !specifiers.has(stmt.moduleSpecifier.text)) continue;
    const clause = stmt.importClause;
    if (!clause || clause.name || !clause.namedBindings || !ts.isNamedImports(clause.namedBindings)) continue;
    groups.set(stmt.moduleSpecifier.text, [...(groups.get(stmt.moduleSpecifier.text) ?? []), stmt]);
  }
  const edits: Edit[] = [];
  for (const [spec, stmts] of groups) {
    if (stmts.length < 2) continue;
    const elements = stmts.flatMap((stmt) =>
      (stmt.importClause!.namedBindings as ts.NamedImports).elements.map((el) => ({ text: el.getText(source).replace(/^type\s+/, ''), typeOnly: stmt.importClause!.isTypeOnly || el.isTypeOnly })),
    );
    const allTypes = elements.every((el) => el.typeOnly);
    const list = elements.map((el) => (el.typeOnly && !allTypes ? `type ${el.text}` : el.text)).join(', ');
    edits.push({ start: stmts[0]!.getStart(source), end: stmts[0]!.getEnd(), text: `import ${allTypes ? 'type ' : ''}{ ${list} } from '${spec}';` });
    for (const stmt of stmts.slice(1)) {
      const end = text[stmt.getEnd()] === '\n' ? stmt.getEnd() + 1 : stmt.getEnd();
      edits.push({ start: stmt.getStart(source), end, text: '' });
    }
  }
  return applyEdits(text, edits);
}

for (const [file, edits] of importerEdits) {
  const full = path.join(ROOT, file);
  const next = mergeImports(file, applyEdits(fs.readFileSync(full, 'utf8'), edits), new Set(edits.map((e) => e.text)));
  if (!DRY) fs.writeFileSync(full, next);
}

console.log(
  `${DRY ? '[dry run] ' : ''}${rewritten} import(s) in ${importerEdits.size} file(s) now use a module entry; ${namesAdded} name(s) added to ${written.length + created.length} index file(s) (${created.length} created).`,
);
for (const file of created) console.log(`  created ${file}`);
for (const file of written) console.log(`  updated ${file}`);
if (skipped.length) {
  console.log(`${skipped.length} import(s) left for a person:`);
  for (const s of skipped) console.log(`  ${s}`);
}
