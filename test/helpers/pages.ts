// Hosted pages for tests: a campaign with a slug and a published page with a form.
import type { FastifyInstance } from 'fastify';
import { authHeaders, type TestAccount } from './accounts.ts';

/** A published page with one field of each kind people usually ask for. */
export function samplePage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Spring fair',
    blocks: [
      { type: 'heading', text: 'Welcome', level: 1 },
      { type: 'paragraph', text: 'Tell us you are coming.' },
      { type: 'image', url: 'https://cdn.example.com/poster.png', alt: 'Fair poster' },
      { type: 'button', text: 'Programme', url: 'https://example.com/programme' },
    ],
    theme: { background_color: '#ffffff', text_color: '#111111', accent_color: '#7c3aed' },
    form: {
      fields: [
        { name: 'name', label: 'Your name', type: 'text', required: true, max_length: 80 },
        { name: 'email', label: 'Email', type: 'email', required: true },
        { name: 'guests', label: 'Guests', type: 'number', min: 0, max: 5 },
        { name: 'size', label: 'T-shirt size', type: 'select', options: ['S', 'M', 'L'] },
        { name: 'notes', label: 'Notes', type: 'textarea' },
        { name: 'consent', label: 'I agree to be contacted', type: 'checkbox', required: true },
      ],
      submit_label: 'Register',
    },
    published: true,
    ...overrides,
  };
}

/** Creates a campaign with `hosted_page` and returns the response body (throws unless 201). */
export async function createPageCampaign(app: FastifyInstance, account: TestAccount, options: { slug?: string | null; page?: unknown } = {}): Promise<Record<string, any>> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/campaigns',
    headers: authHeaders(account.apiKey),
    payload: {
      name: 'Fair',
      ...(options.slug === null ? {} : { slug: options.slug ?? 'fair' }),
      destination: 'https://example.com/fallback',
      hosted_page: options.page === undefined ? samplePage() : options.page,
    },
  });
  if (response.statusCode !== 201) throw new Error(`campaign creation failed: ${response.statusCode} ${response.body}`);
  return response.json();
}
