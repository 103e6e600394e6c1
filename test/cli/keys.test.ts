import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import { connectDatabase } from '../../src/db/connect.ts';
import { authenticateApiKey } from '../../src/modules/accounts/api-key.service.ts';
import { generateApiKey } from '../../src/modules/accounts/api-key-format.ts';
import { systemClock } from '../../src/clock.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

function run(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['src/main.ts', ...args], { env: { ...process.env, DATABASE_URL: '', TESSERA_MASTER_KEY: '', LOG_LEVEL: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

describe('tessera keys check', () => {
  it('exits 0 for a valid key and prints only its mask', async () => {
    const { key, kid } = generateApiKey('tst');
    const c = capture();
    expect(await runCli(['keys', 'check', key], c.io)).toBe(0);
    expect(c.out.join()).toContain(`env tst, kid ${kid}`);
    expect(c.out.join()).not.toContain(key);
  });

  it("the payment seed's example key passes (exit 0)", async () => {
    const c = capture();
    expect(await runCli(['keys', 'check', 'sec1-prd-ABC123DEF456G-Xy9Kl3pQ7mN2vB8wR5tZ6aH4cF1jD0sG9eY-42'], c.io)).toBe(0);
    expect(c.out.join()).toBe('valid: sec1-prd-ABC...42 (env prd, kid ABC123DEF456G)');
  });

  it('exits 1 for a mistyped key, naming the reason', async () => {
    const { key } = generateApiKey('prd');
    // A digit for a digit or a letter for another letter: a typo the checksum always catches.
    const ch = key[30]!;
    const replacement = /[0-9]/.test(ch) ? String((Number(ch) + 1) % 10) : ch.toLowerCase() === 'q' ? 'R' : 'Q';
    const typo = key.slice(0, 30) + replacement + key.slice(31);
    const c = capture();
    expect(await runCli(['keys', 'check', typo], c.io)).toBe(1);
    expect(c.err.join()).toMatch(/checksum/);
    const d = capture();
    expect(await runCli(['keys', 'check', 'sk_live_123'], d.io)).toBe(1);
    expect(d.err.join()).toMatch(/sec1-/);
  });

  it('without a key prints usage and exits 2', async () => {
    const c = capture();
    expect(await runCli(['keys', 'check'], c.io)).toBe(2);
    expect(c.err.join()).toMatch(/tessera keys check/);
  });

  it('reads the key from stdin with -', async () => {
    const { key } = generateApiKey('prd');
    const ok = await run(['keys', 'check', '-'], {}, `${key}\n`);
    expect(ok.code, ok.stderr).toBe(0);
    const bad = await run(['keys', 'check', '-'], {}, `${key.slice(0, -1)}x\n`);
    expect(bad.code).toBe(1);
  });
});

describe('tessera account create (SQLite)', () => {
  it('--json also prints a first prd API key that authenticates', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-cli-'));
    try {
      const result = await run(['account', 'create', '--email', 'grace@example.com', '--password', 'correct horse battery', '--json'], { TESSERA_DATA_DIR: dir });
      expect(result.code, result.stderr).toBe(0);
      const printed = JSON.parse(result.stdout);
      expect(Object.keys(printed).sort()).toEqual(['account_id', 'api_key', 'email', 'slug', 'user_id']);
      expect(printed.api_key).toMatch(/^sec1-prd-[0-9A-Z]{13}-[0-9A-Za-z]{43}-\d\d$/);
      const check = await run(['keys', 'check', printed.api_key], { TESSERA_DATA_DIR: dir });
      expect(check.code).toBe(0);
      const database = connectDatabase({ dialect: 'sqlite', url: path.join(dir, 'tessera.db') });
      try {
        expect(await authenticateApiKey({ db: database.db, clock: systemClock }, printed.api_key)).toMatchObject({ accountId: printed.account_id, env: 'prd' });
      } finally {
        await database.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
