// What a failed request says in the dashboard: a 5xx offers its request id to quote to support,
// and says nothing about one when the answer carried none.
import { TesseraApiError } from '@tessera/client';
import { describe, expect, it } from 'vitest';
import { errorText } from '../../web/src/api/field-errors.ts';

describe('errorText for a server error', () => {
  it('offers the request id to quote when the answer has one', () => {
    const error = new TesseraApiError(500, { type: 'about:blank', title: 'Internal Server Error', status: 500 }, 'req_123');
    expect(errorText(error)).toBe('Something went wrong on the server. Try again; if it keeps happening, quote request req_123.');
  });

  it('leaves the request id out when there is none, instead of "quote request id unknown"', () => {
    const error = new TesseraApiError(502, { type: 'about:blank', title: 'Bad Gateway', status: 502 });
    expect(errorText(error)).toBe('Something went wrong on the server. Try again in a moment.');
    expect(errorText(error)).not.toContain('unknown');
  });
});
