// The ad-hoc render API's shapes, written once: validation, handler types and OpenAPI come from here.
import { StringEnum, Type, type Static } from '../../http/schema.ts';
import { DESIGN_CONFIG_SCHEMA } from '../../qr/index.ts';
import { imageSizeField, PNG_SIZES } from './size-policy.ts';

export const RenderBody = Type.Object(
  {
    data: Type.String({ minLength: 1, maxLength: 7089, description: 'Text to encode (UTF-8).' }),
    // Described, not validated, here: parseDesign is the one validator and names allowed values.
    design_config: Type.Optional(
      Type.Unsafe<Record<string, unknown>>({ type: 'object', description: `Design; \`{}\` is plain black on white. ${(DESIGN_CONFIG_SCHEMA as { description: string }).description}` }),
    ),
    format: Type.Optional(StringEnum(['svg', 'png'], { default: 'svg' })),
    size: Type.Optional(imageSizeField(PNG_SIZES.standard)),
  },
  { additionalProperties: false },
);
export type RenderBody = Static<typeof RenderBody>;
