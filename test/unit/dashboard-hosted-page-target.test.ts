// Whether a campaign's code leads to its own hosted page: its destination is the address the API
// gives for the page (compared as URLs, the way the server normalises a destination), and only a
// code that passes through Tessera can be sent there.
import { describe, expect, it } from 'vitest';
import { checkDestination } from '../../src/modules/campaigns/destination.ts';
import { leadsToHostedPage, passesThroughTessera } from '../../web/src/campaigns/hosted-page-target.ts';

const page = { title: 'Spring fair' } as never;
const pageUrl = 'https://qr.example.com/p/acme/spring-fair';

describe('leadsToHostedPage', () => {
  it('holds when the destination, as the server stores it, is the page address', () => {
    const stored = checkDestination(pageUrl);
    expect(stored.ok).toBe(true);
    expect(leadsToHostedPage({ destination: stored.ok ? stored.url : '', hosted_page: page, hosted_page_url: pageUrl })).toBe(true);
    expect(leadsToHostedPage({ destination: 'HTTPS://QR.example.com/p/acme/spring-fair', hosted_page: page, hosted_page_url: pageUrl })).toBe(true);
  });

  it('does not hold for another address, without a page or without its address', () => {
    expect(leadsToHostedPage({ destination: 'https://example.com/', hosted_page: page, hosted_page_url: pageUrl })).toBe(false);
    expect(leadsToHostedPage({ destination: `${pageUrl}/thanks`, hosted_page: page, hosted_page_url: pageUrl })).toBe(false);
    expect(leadsToHostedPage({ destination: pageUrl, hosted_page: null, hosted_page_url: pageUrl })).toBe(false);
    expect(leadsToHostedPage({ destination: pageUrl, hosted_page: page, hosted_page_url: null })).toBe(false);
  });
});

describe('passesThroughTessera', () => {
  it('is false only for static codes', () => {
    expect(passesThroughTessera({ qr_type: 'dynamic' })).toBe(true);
    expect(passesThroughTessera({ qr_type: 'morphing' })).toBe(true);
    expect(passesThroughTessera({ qr_type: 'static' })).toBe(false);
  });
});
