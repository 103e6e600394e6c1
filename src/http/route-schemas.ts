// Route-schema pieces every module shares, written once so the OpenAPI document says the same
// thing everywhere. Plain JSON Schema values (they can become TypeBox values without changing
// what they accept). Who may call a route is declared with SIGNED_IN / SIGNED_IN_OR_ANONYMOUS
// from ./auth.ts.

/** Path parameters of a resource addressed by its public id (`cmp_…`, `tpl_…`, `key_…`). */
export const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64 } } } as const;

