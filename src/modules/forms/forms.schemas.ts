// The forms API's shapes, written once: validation, handler types and OpenAPI come from here.
import { IsoDateTime, Page, PageQuery, Type, type Static } from '../../http/schema.ts';
import { DefaultsOptional } from '../../http/schema-defaults.ts';

export const ShortCodeParams = Type.Object({ short_code: Type.String({ maxLength: 64 }) });

/** Field values as a JSON object or a urlencoded form (checked against the page's form by submitForm). */
export const SubmitFormBody = Type.Unsafe<Record<string, unknown> | undefined>({ type: 'object', additionalProperties: true });

export const FormSubmissionJson = Type.Object(
  { id: Type.String(), created_at: IsoDateTime(), message: Type.String({ description: "The form's success message." }) },
  { title: 'FormSubmission', description: 'The stored submission.' },
);

export const FormAnswerJson = Type.Object(
  {
    id: Type.String({ examples: ['sub_2mV8nB3kL7pR5sW1x4hT9Q'] }),
    data: Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true, description: 'One key per form field: text, number, true/false, or null when left empty.' }),
    created_at: IsoDateTime(),
  },
  { title: 'FormAnswer', description: 'One stored form submission.' },
);
export type FormAnswerJson = Static<typeof FormAnswerJson>;

export const FormAnswerList = Page(FormAnswerJson, 'FormAnswerList', 'A page of form answers, newest first; pass `next_cursor` as `cursor` for the next (null on the last page).');

export const FormAnswerQuery = DefaultsOptional(PageQuery);
