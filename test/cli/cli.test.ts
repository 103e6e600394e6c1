import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import packageJson from '../../package.json' with { type: 'json' };

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['src/main.ts', ...args], { env: { ...process.env, DATABASE_URL: '', TESSERA_MASTER_KEY: '', LOG_LEVEL: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('CLI usage', () => {
  it('no command prints usage and exits 2', async () => {
    const c = capture();
    expect(await runCli([], c.io)).toBe(2);
    expect(c.err.join()).toMatch(/Usage: tessera <command>/);
  });

  it('an unknown command exits 2 naming it', async () => {
    const c = capture();
    expect(await runCli(['frobnicate'], c.io)).toBe(2);
    expect(c.err.join()).toMatch(/unknown command 'frobnicate'/);
  });

  it('an unknown flag prints the command usage and exits 2', async () => {
    const c = capture();
    expect(await runCli(['migrate', '--wat'], c.io)).toBe(2);
    expect(c.err.join()).toMatch(/unknown option --wat; it takes no options \(and --help\)/);
    expect(c.err.join()).not.toMatch(/place it at the end/);
    expect(c.err.join()).toMatch(/tessera migrate/);
  });

  it('a bad option names itself and what the command takes', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['qr', 'hi', '--colour', '#000'], /unknown option --colour; it takes --output, --preset, .*--color/],
      [['qr', 'hi', '--size'], /--size needs a value, as in --size VALUE/],
      [['keys', 'check', '-x'], /unknown option -x/],
    ];
    for (const [args, message] of cases) {
      const c = capture();
      expect(await runCli(args, c.io), args.join(' ')).toBe(2);
      expect(c.err.join(), args.join(' ')).toMatch(message);
    }
  });

  it('serve, migrate and worker refuse extra arguments with usage and exit 2, before opening anything', async () => {
    // They used to run anyway (`serve extra` served on 8080, `migrate extra` migrated).
    for (const name of ['serve', 'migrate', 'worker']) {
      const c = capture();
      expect(await runCli([name, 'extra', 'words'], c.io), name).toBe(2);
      expect(c.err.join()).toContain(`tessera ${name}: takes no arguments (the environment configures it); got 'extra words'`);
      expect(c.err.join()).toContain(`\n\ntessera ${name}\n`);
      expect(c.out).toEqual([]);
    }
  });

  it('`account password` refuses a bad email or password with the reason and its usage, exit 2, before creating a data directory', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-cli-'));
    const dataDir = path.join(parent, 'data');
    const usage = commands.find((command) => command.name === 'account password')!.usage;
    const cases = [
      [['--email', 'ada@example.com', '--password', 'short'], '--password must be at least 10 characters'],
      [['--email', 'ada@example.com', '--password', ' '.repeat(12)], '--password must contain something other than spaces'],
      [['--email', 'not-an-email', '--password', 'a new passphrase'], "--email 'not-an-email' must be an email address such as ada@example.com"],
      [['--email', 'ada@example.com'], '--password is required'],
    ] as const;
    const results = await Promise.all(cases.map(([args]) => run(['account', 'password', ...args], { TESSERA_DATA_DIR: dataDir })));
    for (const [i, [, reason]] of cases.entries()) {
      expect(results[i]!.code, reason).toBe(2);
      expect(results[i]!.stderr).toBe(`tessera account password: ${reason}\n\n${usage}\n`);
      expect(results[i]!.stdout).toBe('');
    }
    expect(fs.existsSync(dataDir)).toBe(false);
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('a missing required option exits 2', async () => {
    const c = capture();
    expect(await runCli(['account', 'create', '--password', 'long-enough-pw'], c.io)).toBe(2);
    expect(c.err.join()).toMatch(/--email is required/);
  });

  it('`account` alone lists its subcommands and exits 2', async () => {
    const c = capture();
    expect(await runCli(['account'], c.io)).toBe(2);
    expect(c.err.join()).toMatch(/account create/);
  });

  it("`account --help` and `keys --help` print the group's usage and exit 0", async () => {
    for (const [group, listed] of [
      ['account', 'account create'],
      ['keys', 'keys check'],
    ]) {
      for (const flag of ['--help', '-h']) {
        const c = capture();
        expect(await runCli([group!, flag], c.io)).toBe(0);
        expect(c.out.join()).toContain(`Usage: tessera ${group} <command>`);
        expect(c.out.join()).toContain(listed);
        expect(c.err).toEqual([]);
      }
    }
  });

  it('an unknown subcommand exits 2 naming it', async () => {
    const c = capture();
    expect(await runCli(['keys', 'rotate'], c.io)).toBe(2);
    expect(c.err.join()).toMatch(/unknown command 'rotate'; expected one of: keys check/);
  });

  it('--version (and -v) prints the package version and exits 0', async () => {
    for (const flag of ['--version', '-v']) {
      const c = capture();
      expect(await runCli([flag], c.io)).toBe(0);
      expect(c.out).toEqual([`tessera ${packageJson.version}`]);
    }
  });

  it('every command has --help, exiting 0', async () => {
    for (const name of commands.map((c) => c.name)) {
      const c = capture();
      expect(await runCli([...name.split(' '), '--help'], c.io)).toBe(0);
      expect(c.out.join()).toContain(`tessera ${name}`);
    }
  });
});

describe('CLI output to a reader that went away', () => {
  // `tessera backup … | head -1` closed the pipe after the first line: the second write failed
  // with EPIPE, an unhandled 'error' event printed a stack and turned a finished backup into exit 1.
  it('a closed stdout is no stack trace and leaves the exit status to the command', async () => {
    const closedStdout = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['src/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.destroy(); // before the child has started, so its first write finds no reader
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
    expect(await closedStdout(['--help'])).toEqual({ code: 0, stderr: '' });
    expect(await closedStdout(['qr', 'https://example.com'])).toEqual({ code: 0, stderr: '' });
    const bad = await closedStdout(['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^tessera: unknown command 'frobnicate'/);
  });
});

describe('CLI commands (SQLite)', () => {
  it('`account create --json` creates an account and prints its id and slug', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-cli-'));
    const result = await run(['account', 'create', '--email', 'Ada@Example.com', '--password', 'correct horse battery', '--slug', 'ada-lab', '--account-name', 'Analytical Engines Ltd', '--json'], {
      TESSERA_DATA_DIR: dir,
    });
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed).toMatchObject({ slug: 'ada-lab', email: 'ada@example.com' });
    expect(printed.account_id).toMatch(/^acc_/);
    const { connectDatabase } = await import('../../src/db/connect.ts');
    const database = connectDatabase({ dialect: 'sqlite', url: path.join(dir, 'tessera.db') });
    expect((await database.db.selectFrom('accounts').select('name').executeTakeFirstOrThrow()).name).toBe('Analytical Engines Ltd');
    await database.close();
    // Understood but refused by the database: exit 1, naming the value and the database written to.
    const again = await run(['account', 'create', '--email', 'ada@example.com', '--password', 'correct horse battery'], { TESSERA_DATA_DIR: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`error: --email 'ada@example.com' is already registered on SQLite file ${path.join(dir, 'tessera.db')}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('`account password` sets a forgotten password (refusing an unknown email, naming the database); the old one stops working', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-cli-'));
    expect((await run(['account', 'create', '--email', 'ada@example.com', '--password', 'correct horse battery'], { TESSERA_DATA_DIR: dir })).code).toBe(0);
    // Understood but not found: exit 1 (as a taken email), naming the value and the database, since
    // the usual cause is another data directory than the server's; the password is never echoed.
    const unknown = await run(['account', 'password', '--email', 'bob@example.com', '--password', 'a new passphrase'], { TESSERA_DATA_DIR: dir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(`error: --email 'bob@example.com' matches no user on SQLite file ${path.join(dir, 'tessera.db')}\n`);
    const reset = await run(['account', 'password', '--email', 'Ada@Example.com', '--password', 'a new passphrase'], { TESSERA_DATA_DIR: dir });
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toMatch(/new password set for ada@example.com; 0 sessions signed out/);
    const { connectDatabase } = await import('../../src/db/connect.ts');
    const { verifyPassword } = await import('../../src/crypto/password.ts');
    const database = connectDatabase({ dialect: 'sqlite', url: path.join(dir, 'tessera.db') });
    const { password_hash } = await database.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    await database.close();
    expect(await verifyPassword('a new passphrase', password_hash)).toBe(true);
    expect(await verifyPassword('correct horse battery', password_hash)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a bad environment variable fails fast naming it', async () => {
    const result = await run(['migrate'], { PORT: 'abc' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/PORT: expected an integer/);
  });

  it('a data directory that cannot be written fails naming TESSERA_DATA_DIR and the way out', async () => {
    // Under a regular file: mkdir fails whoever runs the test (root included).
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-cli-')), 'a-file');
    fs.writeFileSync(file, '');
    // The database opens elsewhere; the development key has nowhere to go.
    const db = path.join(path.dirname(file), 'tessera.db');
    const result = await run(['account', 'create', '--email', 'a@example.com', '--password', 'long-enough-pw'], { TESSERA_DATA_DIR: path.join(file, 'data'), DATABASE_URL: db });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`configuration error: TESSERA_DATA_DIR: cannot write a development master key to ${path.join(file, 'data', 'master.key')} (ENOTDIR`);
    expect(result.stderr).toContain('make the directory writable, or set TESSERA_MASTER_KEY');
    const unopened = await run(['migrate'], { TESSERA_DATA_DIR: path.join(file, 'data') });
    expect(unopened.code).toBe(1);
    expect(unopened.stderr).toContain(`tessera: cannot open SQLite file ${path.join(file, 'data', 'tessera.db')} (TESSERA_DATA_DIR or DATABASE_URL): `);
    const sqlite = await run(['migrate'], { DATABASE_URL: path.join(file, 'tessera.db'), TESSERA_MASTER_KEY: 'ab'.repeat(32) });
    expect(sqlite.code).toBe(1);
    expect(sqlite.stderr).toContain(`tessera: cannot open SQLite file ${path.join(file, 'tessera.db')} (TESSERA_DATA_DIR or DATABASE_URL): `);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('a PostgreSQL server that does not answer fails fast, naming where and DATABASE_URL (password hidden)', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const result = await run(['migrate'], { DATABASE_URL: `postgres://tessera:s3cret@127.0.0.1:${port}/tessera`, TESSERA_MASTER_KEY: 'ab'.repeat(32) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`tessera: cannot open PostgreSQL postgres://tessera:***@127.0.0.1:${port}/tessera (DATABASE_URL): connect ECONNREFUSED`);
    expect(result.stderr).not.toContain('s3cret');
    // Without a key, a command that cannot reach its database leaves no development key behind.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-cli-'));
    const keyless = await run(['account', 'create', '--email', 'a@example.com', '--password', 'long-enough-pw'], {
      DATABASE_URL: `postgres://tessera@127.0.0.1:${port}/tessera`,
      TESSERA_DATA_DIR: path.join(dir, 'data'),
    });
    expect(keyless.code).toBe(1);
    expect(keyless.stdout + keyless.stderr).not.toMatch(/generated a development master key/);
    expect(fs.existsSync(path.join(dir, 'data', 'master.key'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('`tessera migrate` needs no master key and writes none; a later start generates it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-cli-'));
    const migrated = await run(['migrate'], { TESSERA_DATA_DIR: dir });
    expect(migrated.code, migrated.stderr).toBe(0);
    // One report each time: what was applied, or that nothing was pending (not both).
    expect(migrated.stdout).toMatch(/^applied migrations: 0001_accounts, [^\n]+\n$/);
    const again = await run(['migrate'], { TESSERA_DATA_DIR: dir });
    expect(again.stdout).toBe('database is up to date: no pending migrations\n');
    expect(fs.existsSync(path.join(dir, 'master.key'))).toBe(false);
    const created = await run(['account', 'create', '--email', 'a@example.com', '--password', 'long-enough-pw'], { TESSERA_DATA_DIR: dir });
    expect(created.code, created.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, 'master.key'))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('two `tessera migrate` processes on one SQLite file both succeed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-cli-'));
    const [a, b] = await Promise.all([
      run(['migrate'], { TESSERA_DATA_DIR: dir, TESSERA_MASTER_KEY: 'ab'.repeat(32) }),
      run(['migrate'], { TESSERA_DATA_DIR: dir, TESSERA_MASTER_KEY: 'ab'.repeat(32) }),
    ]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    const again = await run(['migrate'], { TESSERA_DATA_DIR: dir, TESSERA_MASTER_KEY: 'ab'.repeat(32) });
    expect(again.stdout).not.toMatch(/applied migrations/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

// bin/tessera.js is what `npx tessera` runs; it must refuse an old Node before anything loads.
const NEEDS_24 = /^Tessera needs Node\.js 24 or newer \(found v\d+\.\d+\.\d+\); see the README\n$/;

function runBin(node: string, args: string[], nodeArgs: string[] = [], env: Record<string, string> = {}) {
  return spawnSync(node, [...nodeArgs, 'bin/tessera.js', ...args], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent', ...env } });
}

/** A Node.js older than 24 on this machine (PATH or the usual places), if there is one. */
function olderNode(): string | undefined {
  const candidates = [...(process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'node')), '/usr/bin/node', '/usr/local/bin/node', '/bin/node'];
  for (const candidate of new Set(candidates)) {
    if (!fs.existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout?.trim();
    if (version && Number(version.split('.')[0]) < 24) return candidate;
  }
  return undefined;
}

describe('bin/tessera.js', () => {
  it('runs the CLI on this Node', () => {
    const result = runBin(process.execPath, ['--version']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`tessera ${packageJson.version}\n`);
  });

  const old = olderNode();
  it.skipIf(!old)(`under this machine's older Node (${old ?? 'none found'}) says Node 24 is needed and exits 1`, () => {
    for (const args of [['--version'], ['serve'], ['account', 'create', '--email', 'x']]) {
      const result = runBin(old!, args);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(NEEDS_24);
      expect(result.stderr).toContain(`found ${spawnSync(old!, ['--version'], { encoding: 'utf8' }).stdout.trim()}`);
      expect(result.stdout).toBe('');
    }
  });

  it.skipIf(!old)(`npm start's prestart under the older Node says Node 24 is needed before building anything`, () => {
    const prestart = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts.prestart as string;
    const result = spawnSync('sh', ['-c', prestart], { encoding: 'utf8', env: { ...process.env, PATH: `${path.dirname(old!)}${path.delimiter}${process.env.PATH ?? ''}` } });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(NEEDS_24);
    expect(result.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
  });

  it('with Node reporting version 20 it stops before loading anything (no data directory, no output but the sentence)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-cli-'));
    const fake = 'data:text/javascript,Object.defineProperty(process,"version",{value:"v20.19.0"});Object.defineProperty(process.versions,"node",{value:"20.19.0"});';
    try {
      const result = runBin(process.execPath, ['account', 'create', '--email', 'a@example.com', '--password', 'correct horse battery'], ['--import', fake], {
        TESSERA_DATA_DIR: path.join(dir, 'data'),
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe('Tessera needs Node.js 24 or newer (found v20.19.0); see the README\n');
      expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
