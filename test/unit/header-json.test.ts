// JSON in a response header: non-ASCII text (a warning quoting user input) must travel as escapes
// Node accepts in a header and read back as the same text.
import http from 'node:http';
import { expect, it } from 'vitest';
import { jsonHeaderValue } from '../../src/http/header-json.ts';

it('writes printable ASCII only, which JSON.parse reads back unchanged, and Node accepts as a header', () => {
  const value = [{ field: 'Ā', message: "ignored unknown design_config key 'färbe' 😀\n" }];
  const header = jsonHeaderValue(value);
  expect(header).toMatch(/^[\x20-\x7e]+$/);
  expect(JSON.parse(header)).toEqual(value);
  expect(() => http.validateHeaderValue('x-qr-warnings', header)).not.toThrow();
  expect(() => http.validateHeaderValue('x-qr-warnings', JSON.stringify(value))).toThrow();
});
