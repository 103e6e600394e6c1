// Saved designs.
import { queryOptions } from '@tanstack/react-query';
import { collect, paginate, unwrap } from '@tessera/client';
import { api } from './client.ts';
import type { DesignConfig, Template } from './types.ts';

/** Every template of the account (a few pages at most), newest first. */
export const templatesQuery = queryOptions({
  queryKey: ['templates'],
  queryFn: ({ signal }): Promise<Template[]> => collect(paginate((cursor) => unwrap(api.GET('/api/v1/templates', { params: { query: { limit: 100, cursor } }, signal })))),
});

/** Saves a design as a template. */
export function saveTemplate(name: string, design: DesignConfig): Promise<Template> {
  return unwrap(api.POST('/api/v1/templates', { body: { name, design_config: design } }));
}

/** Deletes a template (campaigns that used it keep their design). */
export function deleteTemplate(id: string): Promise<void> {
  return unwrap(api.DELETE('/api/v1/templates/{id}', { params: { path: { id } } })) as Promise<void>;
}
