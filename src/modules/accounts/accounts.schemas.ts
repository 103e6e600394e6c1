// The accounts API's shapes (auth, API keys, branding), written once: validation, handler types
// and OpenAPI come from here.
import { SIGNUP_MODES } from '../../config.ts';
import { DefaultsOptional, IsoDateTime, NullOr, StringEnum, TextMatching, Type, type Static, type TSchema } from '../../http/schema.ts';
import { API_KEY_SCOPES, MAX_GRACE_PERIOD_HOURS } from './api-key.service.ts';

// --- auth -----------------------------------------------------------------------------------

export const UserJson = Type.Object(
  { id: Type.String({ examples: ['usr_4hT9xQ2mZpL8vN3bK7wR1c'] }), email: Type.String({ format: 'email' }), name: Type.String() },
  { title: 'User', description: 'A person who signs in.' },
);

export const AccountJson = Type.Object(
  { id: Type.String({ examples: ['acc_4hT9xQ2mZpL8vN3bK7wR1c'] }), slug: Type.String({ examples: ['acme'] }), name: Type.String() },
  { title: 'Account', description: "The tenant every resource belongs to; `slug` is the seeds' `userSlug`." },
);

export const Whoami = Type.Object(
  {
    user: NullOr(UserJson),
    account: AccountJson,
    csrf_token: NullOr(Type.String()),
    via: StringEnum(['session', 'api_key']),
    test_mode: Type.Boolean({ description: 'True for `sec1-tst-…` keys.' }),
    scope: StringEnum(API_KEY_SCOPES, { description: 'What the caller may do: `checkin` for a check-in key, else `all` (sessions too).' }),
    batch_id: NullOr(Type.String(), { description: 'The one event (bulk batch) a check-in key is kept to; null for every event, and for any other caller.' }),
  },
  {
    title: 'Whoami',
    description: 'Who is calling. With a session, `csrf_token` is what cookie-authenticated writes send in X-CSRF-Token; with an API key, `user` and `csrf_token` are null.',
  },
);
export type Whoami = Static<typeof Whoami>;

const credentials = {
  email: Type.String({ maxLength: 320, description: 'Sign-in email' }),
  password: Type.String({ maxLength: 1024, description: 'At least 10 characters' }),
};

export const ChangePasswordBody = Type.Object(
  {
    current_password: Type.String({ maxLength: 1024, description: 'The password the person signs in with now' }),
    new_password: Type.String({ maxLength: 1024, description: 'At least 10 characters, not only spaces, different from the current one' }),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const SignupBody = Type.Object(
  {
    ...credentials,
    name: Type.Optional(Type.String({ maxLength: 200, description: "The person's name (shown in the dashboard only)" })),
    account_name: Type.Optional(
      Type.String({ maxLength: 100, description: 'The organisation or brand people who scan the codes see on public pages (default: `name`, else the slug); changed later in Settings' }),
    ),
    slug: Type.Optional(
      Type.String({
        maxLength: 40,
        description:
          'Account slug (the userSlug of hosted pages, /p/{slug}/…; 3–40 lowercase letters, digits or inner hyphens). Default: made from `account_name` ("Festival Tickets GmbH" → `festival-tickets-gmbh`), else from the email before the @, with a random suffix when taken.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SignupBody = Static<typeof SignupBody>;

export const LoginBody = Type.Object(credentials, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBody>;

export const SignupPolicy = Type.Object({
  allowed: Type.Boolean({ description: 'Whether POST /api/v1/auth/signup would create an account now.' }),
  mode: StringEnum(SIGNUP_MODES, { description: 'TESSERA_SIGNUP: `first` (only the first account of the instance), `open` or `closed`.' }),
});

// --- API keys ---------------------------------------------------------------------------------

// type [T, null] as before: the ApiKey component (and the client generated from it) stays as it was.
const nullableTime = NullOr(IsoDateTime());

export const ApiKeyJson = Type.Object(
  {
    id: Type.String(),
    kid: Type.String({ description: 'The public part of the key, shown in the dashboard and in logs.' }),
    env: StringEnum(['prd', 'tst']),
    type: StringEnum(['secret']),
    scope: StringEnum(API_KEY_SCOPES, {
      description:
        'What the key may do: `all`, or `checkin` (check tickets in, read the check-in log, figures and export, and read events; every other request is a 403 `api_key_scope`). A key for a door scanner, which can be lost without putting codes, answers or other keys at risk.',
    }),
    batch_id: NullOr(Type.String(), {
      description: 'For a check-in key kept to one event: that bulk batch. It checks in, reads and exports that event only, and lists no other. Null for every event (and for scope `all`).',
    }),
    status: StringEnum(['active', 'rotating', 'expired', 'revoked']),
    name: NullOr(Type.String()),
    created_at: IsoDateTime(),
    expires_at: nullableTime,
    revoked_at: nullableTime,
    last_used_at: nullableTime,
    display_mask: Type.String(),
  },
  {
    title: 'ApiKey',
    description: 'An API key without its secret. `tst` keys work on test-mode data only; a `rotating` key keeps working until its grace period ends.',
    examples: [
      {
        id: 'key_4hT9xQ2mZpL8vN3bK7wR1c',
        kid: 'K3J9X2M4P7Q1Z',
        env: 'prd',
        type: 'secret',
        scope: 'all',
        batch_id: null,
        status: 'active',
        name: 'Checkout server',
        created_at: '2026-03-01T12:00:00.000Z',
        expires_at: null,
        revoked_at: null,
        last_used_at: '2026-03-02T08:15:00.000Z',
        display_mask: 'sec1-prd-k3j9x2m4p7q1-…-42',
      },
    ],
  },
);
export type ApiKeyJson = Static<typeof ApiKeyJson>;

/** The payment seed's `{status: "success", data}` around `data` (every property of data required). */
function envelope<T extends TSchema>(data: T) {
  return Type.Object({ status: StringEnum(['success']), data });
}

export const RegenerateApiKeyBody = Type.Object(
  {
    kid: Type.Optional(
      TextMatching('^[0-9A-Z]{13}$', 'must be a key id: 13 capital letters and digits', {
        description: 'Which key to regenerate (default: the calling key, or for a session the newest active prd key)',
      }),
    ),
    grace_period_hours: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_GRACE_PERIOD_HOURS })),
  },
  { additionalProperties: false },
);

export const RegeneratedApiKey = envelope(Type.Object({ api_key: ApiKeyJson, full_key: Type.String(), previous_api_key: ApiKeyJson }));

export const ApiKeyListQuery = DefaultsOptional(
  Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }), cursor: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
);

export const ApiKeyList = envelope(Type.Object({ api_keys: Type.Array(ApiKeyJson), next_cursor: NullOr(Type.String()) }));

export const CreateApiKeyBody = Type.Object(
  {
    env: StringEnum(['prd', 'tst']),
    scope: Type.Optional(
      StringEnum(API_KEY_SCOPES, {
        description: '`all` (the default) or `checkin`: a key that can only check tickets in and read check-ins and events, for door scanners.',
      }),
    ),
    batch_id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          'With scope `checkin` only: keeps the key to this event (a bulk batch of morphing codes, see `GET /api/v1/qrs/batches`). A door link for one concert then cannot admit, read or export another. 404 for a batch the account has no tickets in.',
      }),
    ),
    name: Type.Optional(Type.String({ maxLength: 100 })),
    expires_at: Type.Optional(IsoDateTime({ description: 'When the key stops working (optional)' })),
  },
  { additionalProperties: false },
);

export const CreatedApiKey = envelope(Type.Object({ api_key: ApiKeyJson, full_key: Type.String() }));

export const ApiKeyIdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

// --- branding ---------------------------------------------------------------------------------

/** Limits of the branding settings (the service counts them after trimming). */
export const BRANDING_LIMITS = { name: 100, logoAlt: 200 } as const;

const brandingFields = {
  name: Type.String({ maxLength: BRANDING_LIMITS.name, description: 'The account name shown at the top of its public pages (when it has no logo).', examples: ['Spring Fair Ltd'] }),
  // Request and response share these fields; a request's null must stay null (NullOr in src/http/schema.ts).
  logo_url: NullOr(Type.String({ maxLength: 2048 }), {
    description: 'Absolute http(s) URL of a logo shown instead of the name; null for none.',
    examples: ['https://cdn.example.com/logo.png'],
  }),
  logo_alt: Type.String({ maxLength: BRANDING_LIMITS.logoAlt, description: 'Text alternative of the logo; the name when empty.' }),
  made_with_tessera: Type.Boolean({ description: 'End public pages with a small "Made with Tessera" link (default true).' }),
};

export const BrandingJson = Type.Object(brandingFields, { title: 'Branding', description: "What the account's public pages show." });
export type BrandingJson = Static<typeof BrandingJson>;

export const BrandingPatchBody = Type.Partial(Type.Object(brandingFields), { additionalProperties: false, minProperties: 1 });
