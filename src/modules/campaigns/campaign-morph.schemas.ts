// The shapes of the morphing-code routes of campaigns, written once: validation, handler types and OpenAPI come from here.
import { Type, type Static } from '../../http/schema.ts';

export const MorphSecret = Type.Object(
  {
    campaign_id: Type.String(),
    secret_key: Type.String({ description: 'Sign render URLs with it: `sig` = hex HMAC-SHA256 of `t` keyed by this string. Valid for this code only.' }),
    version: Type.Integer({ description: 'Bumped by each rotation.' }),
  },
  { title: 'MorphSecret', description: "A morphing code's render secret." },
);
export type MorphSecret = Static<typeof MorphSecret>;

export const MorphSettings = Type.Object(
  {
    campaign_id: Type.String(),
    secret_version: Type.Integer(),
    allow_reentry: Type.Boolean({ description: 'An exit check-in lets the ticket enter again.' }),
    ttl_seconds: Type.Integer({ description: 'How long a signed render URL stays valid.' }),
    step_seconds: Type.Integer({ description: 'How often the encoded token changes.' }),
  },
  { title: 'MorphSettings', description: "A morphing code's rotation and check-in settings." },
);
export type MorphSettings = Static<typeof MorphSettings>;

export const MorphSettingsBody = Type.Object({ allow_reentry: Type.Boolean() }, { additionalProperties: false });
export type MorphSettingsBody = Static<typeof MorphSettingsBody>;
