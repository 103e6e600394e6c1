// Templates: named design configs an account saves once and applies to campaigns and bulk batches.
import type { AppContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Cursor, fetchPage, mapPage, type Page } from '../../http/cursor.ts';
import { newId } from '../../ids.ts';
import { checkDesign, type DesignConfig } from './design.ts';
import type { CreateTemplateBody } from './template.schemas.ts';
import { deleteTemplate as deleteRow, findTemplate, insertTemplate, listTemplates as listRows } from './template.repo.ts';

/** A saved design. */
export interface Template {
  id: string;
  name: string;
  designConfig: DesignConfig;
  createdAt: number;
}

type Ctx = Pick<AppContext, 'db' | 'clock'>;

function toTemplate(row: { id: string; name: string; design_config: string; created_at: number }): Template {
  return { id: row.id, name: row.name, designConfig: JSON.parse(row.design_config) as DesignConfig, createdAt: row.created_at };
}

/** Saves a new template after checking its design. */
export async function createTemplate(ctx: Ctx, accountId: string, input: CreateTemplateBody): Promise<Template> {
  const name = input.name.trim();
  if (!name) throw new AppError('validation_failed', 'name must not be blank.', { errors: [{ field: 'body/name', message: 'must not be blank' }] });
  const design = checkDesign(input.design_config);
  const now = ctx.clock.now();
  const row = { id: newId('tpl'), account_id: accountId, name, design_config: JSON.stringify(design), created_at: now, updated_at: now };
  await insertTemplate(ctx.db, row);
  return toTemplate(row);
}

/** A page of the account's templates and the cursor of the next page. */
export async function listTemplates(ctx: Ctx, accountId: string, limit: number, cursor?: Cursor): Promise<Page<Template>> {
  return mapPage(await fetchPage(limit, (take) => listRows(ctx.db, accountId, take, cursor)), toTemplate);
}

/** Deletes a template; campaigns that used it keep their copied design. */
export async function deleteTemplate(ctx: Ctx, accountId: string, id: string): Promise<void> {
  if (!(await deleteRow(ctx.db, accountId, id))) throw notFound(`Template '${id}'`);
}

/** The design a campaign gets: its own design_config, or the named template's (404 when not the caller's). */
export async function resolveDesign(ctx: Ctx, accountId: string, input: { design_config?: unknown; template_id?: string | null }): Promise<{ designConfig: DesignConfig; templateId: string | null }> {
  if (input.template_id) {
    if (input.design_config !== undefined && input.design_config !== null) {
      throw new AppError('validation_failed', 'Send either design_config or template_id, not both.', { errors: [{ field: 'body/template_id', message: 'cannot be combined with design_config' }] });
    }
    const row = await findTemplate(ctx.db, accountId, input.template_id);
    // Still a 404 (another account's template is as absent as a deleted one), naming the field so
    // a form can point at it.
    if (!row) throw notFound(`Template '${input.template_id}'`, [{ field: 'body/template_id', message: 'names no template of this account' }]);
    return { designConfig: JSON.parse(row.design_config) as DesignConfig, templateId: row.id };
  }
  return { designConfig: checkDesign(input.design_config ?? {}), templateId: null };
}
