import { afterEach, expect, it } from 'vitest';
import { SECRET_PATH_PATTERNS, scrubUrl } from '../../src/http/logging.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

describeDialects('log redaction', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => t?.close());

  it('never writes credential headers to the logs, but does log the request', async () => {
    t = await createTestApp(dialect, { captureLogs: true });
    const secrets = {
      authorization: 'Bearer sec1-prd-AAAAAAAAAAAAA-supersecretvalue0000000000000000-00',
      'x-api-key': 'sec1-tst-BBBBBBBBBBBBB-anothersecretvalue000000000000000-11',
      'x-qr-password': 'hunter2-password',
      'x-delete-token': 'delete-token-value',
      cookie: 'tessera_session=cookie-secret-value',
      // Names no list foresaw: a proxy's credential, a client's own token header.
      'proxy-authorization': 'Basic cHJveHktdXNlcjpwcm94eS1zZWNyZXQ=',
      'x-auth-token': 'sec1-prd-CCCCCCCCCCCCC-headertokenvalue00000000000000000-22',
      'x-sid': 'session-id-in-a-short-header',
      'x-jwt-assertion': 'eyJhbGciOiJIUzI1NiJ9.jwt-body-value.jwt-signature-value',
    };
    await t!.app.inject({ method: 'GET', url: '/healthz', headers: { ...secrets, 'user-agent': 'log-test-agent' } });
    await t!.app.inject({ method: 'GET', url: '/api/v1/campaigns?api_key=sec1-prd-DDDDDDDDDDDDD-querykeyvalue&limit=5', headers: { 'user-agent': 'log-test-agent' } });
    const text = t!.logs.join('\n');
    expect(text).toContain('api_key=[REDACTED]&limit=5');
    expect(text).not.toContain('querykeyvalue');
    expect(text).toContain('log-test-agent');
    expect(text).toContain('[REDACTED]');
    for (const value of Object.values(secrets)) expect(text).not.toContain(value.split(' ').pop());
  });
});

it('masks secret path segments and signature query values', () => {
  SECRET_PATH_PATTERNS.push(/^\/test-secret\/([^/?]+)/);
  try {
    expect(scrubUrl('/test-secret/abcdef/qr.svg?size=3')).toBe('/test-secret/[REDACTED]/qr.svg?size=3');
    expect(scrubUrl('/api/render/x.svg?t=123&sig=deadbeef')).toBe('/api/render/x.svg?t=[REDACTED]&sig=[REDACTED]');
    expect(scrubUrl('/x?api_key=a&apiKey=b&access_token=c&password=d&size=512&utm_source=qr')).toBe(
      '/x?api_key=[REDACTED]&apiKey=[REDACTED]&access_token=[REDACTED]&password=[REDACTED]&size=512&utm_source=qr',
    );
    // Short credential names count as whole words only: `side` and `passage` are not secrets.
    expect(scrubUrl('/x?pwd=a&sid=b&jwt=c&user_pass=d&x-otp=e&side=left&passage=3&inside=1')).toBe(
      '/x?pwd=[REDACTED]&sid=[REDACTED]&jwt=[REDACTED]&user_pass=[REDACTED]&x-otp=[REDACTED]&side=left&passage=3&inside=1',
    );
  } finally {
    SECRET_PATH_PATTERNS.pop();
  }
});
