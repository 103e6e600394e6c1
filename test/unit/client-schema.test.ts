// @tessera/client's types are generated from the app's own OpenAPI document; this fails when a
// route schema changed without `npm run client:generate`.
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { CLIENT_SCHEMA_FILE, clientSchemaSource } from '../../scripts/client-schema.ts';

it('clients/typescript/src/schema.ts matches the OpenAPI document (run npm run client:generate)', async () => {
  const current = fs.readFileSync(CLIENT_SCHEMA_FILE, 'utf8');
  const expected = await clientSchemaSource();
  expect(current === expected, 'the generated client types are stale: run `npm run client:generate` and commit the result').toBe(true);
});
