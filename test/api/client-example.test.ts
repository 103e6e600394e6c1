// The README's example program (clients/typescript/examples/quickstart.ts, compiled under
// `tsc --strict` by `npm run typecheck`) is the README's text, has no casts and no non-null
// assertions, and does what it says against a real app: a campaign, 1,000 codes, every page, analytics.
import fs from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { createTesseraClient } from '../../clients/typescript/src/index.ts';
import { quickstart } from '../../clients/typescript/examples/quickstart.ts';
import { signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { injectFetch } from '../helpers/inject-fetch.ts';

const EXAMPLE = new URL('../../clients/typescript/examples/quickstart.ts', import.meta.url);
const README = new URL('../../README.md', import.meta.url);

it('the README shows the example program verbatim, and it uses no casts or non-null assertions', () => {
  const source = fs.readFileSync(EXAMPLE, 'utf8');
  expect(fs.readFileSync(README, 'utf8')).toContain(`\`\`\`ts\n${source}\`\`\``);
  const code = source
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .replace(/'[^'\n]*'|`[^`\n]*`/g, "''");
  expect(code).not.toMatch(/\bas\s+(?!const\b)[A-Za-z{[(]/);
  expect(code).not.toMatch(/<[A-Z][A-Za-z]*>\s*[a-z(]/);
  expect(code).not.toMatch(/[\w)\]]!(?!=)/);
});

describeDialects('README example program', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('creates a campaign and 1,000 codes, pages through all of them and reads analytics', async () => {
    t = await createTestApp(dialect);
    const app = t.app;
    const account = await signUp(app);
    const fetch = injectFetch(app);
    const client = createTesseraClient({ baseUrl: 'http://tessera.test', auth: { apiKey: account.apiKey }, fetch });
    const result = await quickstart(client);
    expect(result.campaignUrl).toMatch(/^http:\/\/tessera\.test\/[A-Za-z0-9]{7,16}$/);
    expect(result.batchId).toMatch(/^bat_/);
    expect(result.codesInBatch).toBe(1000);
    expect(result.scansLast30Days).toBe(0);
  }, 120_000);
});
