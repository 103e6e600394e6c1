// The import graph of src/, read with the TypeScript parser (no type checker: one file at a time,
// so it is fast and sees exactly what is written). Shared by test/architecture.test.ts,
// `npm run check:deps` and the module-entries codemod, so the three never disagree about what an
// import is. Every form counts: `import`, `import type`, `export … from`, dynamic `import()` and
// `import('…').T` in a type position.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One name brought in by an import (`local` differs from `name` when renamed with `as`). */
export interface ImportedName {
  name: string;
  local: string;
  typeOnly: boolean;
}

export interface ImportEdge {
  from: string;
  /** Repo-relative path of the file it resolves to, or the bare package name ('kysely'). */
  to: string;
  external: boolean;
  specifier: string;
  /** Erased at runtime: `import type`, every name marked `type`, or `import('…').T` in a type. */
  typeOnly: boolean;
  kind: 'import' | 'export' | 'dynamic' | 'type-query';
  line: number;
  /** Where the specifier's text (inside the quotes) starts and ends in the file, for codemods. */
  span: [number, number];
  /** Named bindings; a default import is `{ name: 'default' }`, a namespace `{ name: '*' }`; none for a bare `import './x.ts'`. */
  names: ImportedName[];
}

export interface SourceFacts {
  file: string;
  imports: ImportEdge[];
  /** Lines that read `process.env`. */
  envReads: number[];
  /** Kysely query-builder or transaction calls (`.selectFrom(`, `.transaction()`, …), by method name. */
  queryCalls: { line: number; method: string }[];
}

/** Files by repo-relative posix path (`src/modules/x/y.ts`). */
export type ImportGraph = Map<string, SourceFacts>;

// Methods only a Kysely instance (or transaction) has under these names in this tree.
const QUERY_METHODS = new Set(['selectFrom', 'selectNoFrom', 'insertInto', 'replaceInto', 'updateTable', 'deleteFrom', 'mergeInto', 'transaction', 'connection', 'executeQuery']);

function resolve(from: string, specifier: string, exists: (file: string) => boolean): { to: string; external: boolean } {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return { to: specifier, external: true };
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) if (exists(candidate)) return { to: candidate, external: false };
  return { to: base, external: false };
}

/** Parses one file's text into its facts; `exists` tells which repo-relative files there are. */
export function parseSource(file: string, text: string, exists: (file: string) => boolean): SourceFacts {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const facts: SourceFacts = { file, imports: [], envReads: [], queryCalls: [] };
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const add = (node: ts.Node, literal: ts.StringLiteralLike, kind: ImportEdge['kind'], typeOnly: boolean, names: ImportedName[]) => {
    const specifier = literal.text;
    const span: [number, number] = [literal.getStart(source) + 1, literal.getEnd() - 1];
    facts.imports.push({ from: file, ...resolve(file, specifier, exists), specifier, typeOnly, kind, line: lineOf(node), span, names });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const names: ImportedName[] = [];
      if (clause?.name) names.push({ name: 'default', local: clause.name.text, typeOnly: clause.isTypeOnly });
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.push({ name: '*', local: bindings.name.text, typeOnly: clause.isTypeOnly });
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) names.push({ name: (el.propertyName ?? el.name).text, local: el.name.text, typeOnly: clause.isTypeOnly || el.isTypeOnly });
      }
      // `import { type A } from 'x'` is erased too (verbatimModuleSyntax keeps `import {} from 'x'`, but nothing is bound).
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (names.length > 0 && names.every((n) => n.typeOnly)));
      add(node, node.moduleSpecifier, 'import', typeOnly, names);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const names: ImportedName[] = [];
      if (node.exportClause && ts.isNamedExports(node.exportClause)) {
        for (const el of node.exportClause.elements) names.push({ name: (el.propertyName ?? el.name).text, local: el.name.text, typeOnly: node.isTypeOnly || el.isTypeOnly });
      } else names.push({ name: '*', local: node.exportClause && ts.isNamespaceExport(node.exportClause) ? node.exportClause.name.text : '*', typeOnly: node.isTypeOnly });
      add(node, node.moduleSpecifier, 'export', node.isTypeOnly || (names.length > 0 && names.every((n) => n.typeOnly)), names);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) add(node, arg, 'dynamic', false, [{ name: '*', local: '*', typeOnly: false }]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(
        node,
        node.argument.literal,
        'type-query',
        true,
        node.qualifier ? [{ name: ts.isIdentifier(node.qualifier) ? node.qualifier.text : node.qualifier.getText(source), local: '', typeOnly: true }] : [],
      );
    } else if (ts.isPropertyAccessExpression(node) && node.name.text === 'env' && ts.isIdentifier(node.expression) && node.expression.text === 'process') {
      facts.envReads.push(lineOf(node));
    } else if (
      ts.isElementAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'process' &&
      ts.isStringLiteral(node.argumentExpression) &&
      node.argumentExpression.text === 'env'
    ) {
      facts.envReads.push(lineOf(node));
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && QUERY_METHODS.has(node.expression.name.text)) {
      facts.queryCalls.push({ line: lineOf(node), method: node.expression.name.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return facts;
}

/** Builds a graph from file texts keyed by repo-relative path (what the tests feed it on purpose). */
export function graphFromSources(sources: Record<string, string>): ImportGraph {
  const exists = (file: string) => Object.hasOwn(sources, file);
  return new Map(Object.entries(sources).map(([file, text]) => [file, parseSource(file, text, exists)]));
}

/** Every .ts file under `dir` (repo-relative), sorted. */
export function listSources(root: string, dir = 'src'): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

/** The graph of the tree under `root`/`dir` as it is on disk. */
export function readGraph(root: string, dir = 'src'): ImportGraph {
  return graphFromSources(Object.fromEntries(listSources(root, dir).map((file) => [file, fs.readFileSync(path.join(root, file), 'utf8')])));
}
