// `npm run client:generate`: writes @tessera/client's types (clients/typescript/src/schema.ts)
// from the app's own OpenAPI document with openapi-typescript. A test fails when they drift.
import fs from 'node:fs';
import { clientSchemaSource, CLIENT_SCHEMA_FILE } from './client-schema.ts';

fs.writeFileSync(CLIENT_SCHEMA_FILE, await clientSchemaSource());
process.stderr.write(`wrote ${CLIENT_SCHEMA_FILE}\n`);
