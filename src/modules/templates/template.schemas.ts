// The templates API's shapes, written once: validation, handler types and OpenAPI come from here.
import { IsoDateTime, Page, Type, type Static } from '../../http/schema.ts';
import { designConfigField } from './design.ts';

export const TemplateJson = Type.Object(
  {
    id: Type.String({ examples: ['tpl_4hT9xQ2mZpL8vN3bK7wR1c'] }),
    name: Type.String(),
    design_config: Type.Unsafe<Record<string, unknown>>(designConfigField),
    created_at: IsoDateTime(),
    livemode: Type.Boolean({
      description: 'false for test templates, saved with a `tst` key: the only ones a `tst` key may delete. Set at creation; never changes.',
    }),
  },
  {
    title: 'Template',
    description: 'A saved design; campaigns created with its `template_id` start from it.',
    examples: [{ id: 'tpl_4hT9xQ2mZpL8vN3bK7wR1c', name: 'Event tickets', design_config: { preset: 'ocean', eyes: 'circle' }, created_at: '2026-03-01T12:00:00.000Z', livemode: true }],
  },
);
export type TemplateJson = Static<typeof TemplateJson>;

export const TemplateList = Page(TemplateJson, 'TemplateList', 'A page of templates; pass `next_cursor` as `cursor` for the next (null on the last page).');

export const CreateTemplateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    design_config: Type.Unsafe<Record<string, unknown>>(designConfigField),
  },
  { additionalProperties: false },
);
export type CreateTemplateBody = Static<typeof CreateTemplateBody>;
