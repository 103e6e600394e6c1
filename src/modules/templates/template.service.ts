// Templates: named design configs an account saves once and applies to campaigns and bulk batches.
import type { AppContext } from '../../context.ts';
import { fromFlag, toFlag } from '../../db/dialect.ts';
import { AppError, notFound, testKeyRefused } from '../../errors.ts';
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
  /** false for test templates (saved with a `tst` key): the only ones a `tst` key may delete. */
  livemode: boolean;
}

/**
 * Who is saving or deleting templates: a `tst` key (`testMode`) saves test templates and may
 * delete only those, like campaigns (campaignFor).
 */
export interface TemplateCaller {
  accountId: string;
  testMode: boolean;
}

type Ctx = Pick<AppContext, 'db' | 'clock'>;

function toTemplate(row: { id: string; name: string; design_config: string; created_at: number; livemode: number }): Template {
  return { id: row.id, name: row.name, designConfig: JSON.parse(row.design_config) as DesignConfig, createdAt: row.created_at, livemode: fromFlag(row.livemode) };
}

/** Saves a new template after checking its design: a test template when a `tst` key saves it. */
export async function createTemplate(ctx: Ctx, { accountId, testMode }: TemplateCaller, input: CreateTemplateBody): Promise<Template> {
  const name = input.name.trim();
  if (!name) throw new AppError('validation_failed', 'name must not be blank.', { errors: [{ field: 'body/name', message: 'must not be blank' }] });
  const design = checkDesign(input.design_config);
  const now = ctx.clock.now();
  const row = { id: newId('tpl'), account_id: accountId, name, design_config: JSON.stringify(design), created_at: now, updated_at: now, livemode: toFlag(!testMode) };
  await insertTemplate(ctx.db, row);
  return toTemplate(row);
}

/** A page of the account's templates and the cursor of the next page. */
export async function listTemplates(ctx: Ctx, accountId: string, limit: number, cursor?: Cursor): Promise<Page<Template>> {
  return mapPage(await fetchPage(limit, (take) => listRows(ctx.db, accountId, take, cursor)), toTemplate);
}

/**
 * Deletes a template; campaigns that used it keep their copied design. 404 when it is not the
 * account's; 403 when a `tst` key would delete a live template: a live integration (a bulk run
 * naming its `template_id`) would then get 404s, and test keys are the ones that leak.
 */
export async function deleteTemplate(ctx: Ctx, { accountId, testMode }: TemplateCaller, id: string): Promise<void> {
  const row = await findTemplate(ctx.db, accountId, id);
  if (!row) throw notFound(`Template '${id}'`);
  // A template's mode never changes, so the check cannot go stale before the delete.
  if (testMode && fromFlag(row.livemode)) {
    throw testKeyRefused(`delete template '${id}'`, 'it is a live template (saved with a prd key or the dashboard), and tst keys delete only test templates (saved with a tst key)');
  }
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
