import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';

const ROOT = join(import.meta.dirname, '../../src/qr');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('src/qr is browser-safe', () => {
  it('imports nothing from Node or npm, and uses no Buffer', () => {
    const offenders: string[] = [];
    for (const file of files(ROOT)) {
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/from '([^']+)'/g)) if (!m[1]!.startsWith('./') && !m[1]!.startsWith('../')) offenders.push(`${file}: ${m[1]}`);
      if (/\bBuffer\b|\bprocess\./.test(src)) offenders.push(`${file}: Buffer/process`);
    }
    expect(offenders).toEqual([]);
  });
});
