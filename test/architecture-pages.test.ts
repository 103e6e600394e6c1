// Rules for server-rendered HTML, checked on the source: markup is written only inside the `html`
// tag (src/http/html.ts), no module keeps an escaper of its own, and every HTML response goes out
// through the page kit's sendPage. Each rule is also run on a deliberately broken sample, so a
// checker that silently stopped finding anything would fail here too.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
// Where pages are made: every module and the HTTP kit. (src/qr is the pure SVG engine: images, not pages.)
const SCOPES = ['src/modules', 'src/http'];
const HTML_KIT = 'src/http/html.ts';
const REPLY = 'src/http/page/reply.ts';

// Markup: an end tag (</p>), a start tag with an attribute (<a href="…">), a doctype, or a literal
// that opens with a tag. (Prose that merely names one, like "`<img>` tags" or "Bearer <key>", is not.)
const TAG = /<\/[a-z][a-z0-9-]*\s*>|<[a-z][a-z0-9-]*\s+[a-z-]+(?:=|\s|\/?>)|<!doctype html|^\s*<[a-z][a-z0-9-]*[\s/>]/i;
// SVG pictures (a Swiss cross handed to the QR engine as a logo) are images, not pages: a literal
// whose every element is an SVG element is left alone. A sentence naming "<!DOCTYPE …>" is prose.
const SVG_ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'rect',
  'circle',
  'ellipse',
  'path',
  'line',
  'polyline',
  'polygon',
  'use',
  'symbol',
  'clippath',
  'mask',
  'lineargradient',
  'radialgradient',
  'stop',
  'image',
]);
function isMarkup(text: string): boolean {
  if (!TAG.test(text)) return false;
  if (/<!doctype html/i.test(text)) return true;
  const names = [...text.matchAll(/<\/?([a-z][a-z0-9-]*)/gi)].map((m) => m[1]!.toLowerCase());
  return names.length === 0 || !names.every((name) => SVG_ELEMENTS.has(name));
}
// The characters an escaper replaces, as a regex class, or the entities it writes.
const ESCAPER = /\[[^\]]*&[^\]]*<[^\]]*>[^\]]*\]|&(?:amp|lt|gt|quot|#39|#x27|#96);/;
const HTML_CONTENT_TYPE = /(?:\.type\(|['"]content-type['"]\s*[,:]\s*)['"]text\/html/i;

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (rel.endsWith('.ts')) files.push(rel);
    }
  };
  SCOPES.forEach(walk);
  return files;
}

function isHtmlTagged(node: ts.Node): boolean {
  const parent = node.parent;
  return parent !== undefined && ts.isTaggedTemplateExpression(parent) && parent.template === node && ts.isIdentifier(parent.tag) && parent.tag.text === 'html';
}

/** Literals holding markup outside the `html` tag, and escapers, in one file's text. */
export function markupProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (isMarkup(node.text) && !isHtmlTagged(node)) problems.push(`${where(node)}: markup in a plain string; write it with the html tag`);
      if (ESCAPER.test(node.text)) problems.push(`${where(node)}: an HTML escaper of its own; use the html tag`);
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('\u0000');
      if (isMarkup(parts) && !isHtmlTagged(node)) problems.push(`${where(node)}: markup built by string interpolation; write it with the html tag`);
    } else if (ts.isRegularExpressionLiteral(node) && ESCAPER.test(node.text)) {
      problems.push(`${where(node)}: an HTML escaper of its own; use the html tag`);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const side = (n: ts.Expression) => (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && isMarkup(n.text);
      if (side(node.left) || side(node.right)) problems.push(`${where(node)}: markup joined with +; write it with the html tag`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

describe('HTML is written one way', () => {
  const files = sourceFiles();

  it('finds the files it checks', () => {
    expect(files).toContain('src/modules/items/items.html.ts');
    expect(files).toContain('src/modules/pages/page-html.ts');
    expect(files).toContain('src/modules/redirects/error-pages.ts');
    expect(files.length).toBeGreaterThan(50);
  });

  it('no module or kit file writes markup outside the html tag or keeps its own escaper', () => {
    const problems = files.filter((file) => file !== HTML_KIT).flatMap((file) => markupProblems(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));
    expect(problems).toEqual([]);
  });

  it('every HTML response goes out through the page kit (its CSP and headers)', () => {
    const offenders = files.filter((file) => file !== REPLY && HTML_CONTENT_TYPE.test(fs.readFileSync(path.join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('catches each kind of offence in a sample', () => {
    const bad = [
      'export const page = (t: string) => `<p>${t}</p>`;',
      "export const page = (t: string) => '<h1>' + t + '</h1>';",
      "export const PAGE = '<!doctype html><title>x</title>';",
      'export function escapeHtml(s: string) { return s.replace(/[&<>"\']/g, (c) => c); }',
      "export const esc = (s: string) => s.split('<').join('&lt;');",
      "import { html as h } from '../../http/html.ts'; export const p = (t: string) => `<b>${h`${t}`}</b>`;",
      'export const P = \'<svg viewBox="0 0 1 1"><foreignObject><p>hi</p></foreignObject></svg>\';',
      "export const P = '<!DOCTYPE html><svg></svg>';",
    ];
    for (const sample of bad) expect(markupProblems('sample.ts', sample), sample).not.toEqual([]);
    const good = [
      'export const LOGO = \'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 70 70">\' + \'<rect width="70" height="70" fill="#fff"/>\' + \'</svg>\';',
      "export const why = 'contains a document type declaration (<!DOCTYPE …>), which is refused';",
      'import { html } from \'../../http/html.ts\'; export const p = (t: string) => html`<p class="x">${t}</p>`;',
      'export const cmp = (a: number, b: number) => a < b && b > 0;',
    ];
    for (const sample of good) expect(markupProblems('sample.ts', sample), sample).toEqual([]);
    expect(HTML_CONTENT_TYPE.test("reply.type('text/html; charset=utf-8')")).toBe(true);
    expect(HTML_CONTENT_TYPE.test("reply.header('content-type', 'text/html')")).toBe(true);
    expect(HTML_CONTENT_TYPE.test("produces: ['text/html']")).toBe(false);
  });
});
