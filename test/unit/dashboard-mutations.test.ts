// Every dashboard mutation goes through web/src/api/mutation.ts, whose mutate ignores a second call
// while the first is in flight (a double-click created two campaigns, templates, endpoints). A
// screen importing TanStack Query's own useMutation would bring the duplicates back unnoticed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = path.resolve(import.meta.dirname, '../../web/src');
const GUARDED = path.join(WEB, 'api', 'mutation.ts');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Whether `text` imports useMutation from TanStack Query itself. */
function importsRawUseMutation(text: string): boolean {
  for (const match of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'@tanstack\/react-query'/g)) {
    if (match[1]!.split(',').some((name) => /^(?:type\s+)?useMutation(?:\s+as\s+\w+)?$/.test(name.trim()))) return true;
  }
  return false;
}

describe('dashboard mutations', () => {
  it('recognises a direct import', () => {
    expect(importsRawUseMutation("import { useMutation, useQuery } from '@tanstack/react-query';")).toBe(true);
    expect(importsRawUseMutation("import {\n  useQuery,\n  useMutation as m,\n} from '@tanstack/react-query';")).toBe(true);
    expect(importsRawUseMutation("import { useQuery, useQueryClient } from '@tanstack/react-query';\nimport { useMutation } from '../api/mutation.ts';")).toBe(false);
  });

  it('all use the guarded useMutation of web/src/api/mutation.ts', () => {
    const offenders = sources(WEB)
      .filter((file) => file !== GUARDED && importsRawUseMutation(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(WEB, file));
    expect(offenders).toEqual([]);
  });
});
