// Server-rendered hosted pages in the shared page shell: a hero (image, title), the owner's
// blocks, the form with its errors linked from a summary, and the thank-you page. Every owner or
// visitor string goes through the `html` tag; the chrome speaks the page's language.
import { html, type SafeHtml } from '../../http/html.ts';
import type { Translator } from '../../http/page/messages/catalogue.ts';
import { pageHeading } from '../../http/page/parts.ts';
import { type Branding, type RenderedPage, renderPage } from '../../http/page/shell.ts';
import type { Block, FormField, PageConfig } from './page-config.ts';
import { resolveTheme } from './theme.ts';

/** Name of the hidden field bots fill and people leave empty; owners cannot use it (field names start with a letter). */
export const HONEYPOT_FIELD = '_website';

/** What is wrong with one answer; the page words it in its language, the API in English. */
export interface FieldIssue {
  code: 'required' | 'tick' | 'tickable' | 'number' | 'min' | 'max' | 'maxLength' | 'email' | 'tel' | 'date' | 'option' | 'control' | 'single' | 'text' | 'unknown' | 'body' | 'empty';
  /** The bound of `min`, `max` and `maxLength`. */
  limit?: number | null;
}

/** What a visitor typed and what was wrong with it, to render the form again. */
export interface FormState {
  /** Submitted values by field name (checkboxes: true when ticked). */
  values: Record<string, string | boolean>;
  /** Issues by field name. */
  errors: Record<string, FieldIssue>;
}

/** The language of the chrome and whose page it is. */
export interface HostedPageContext {
  t: Translator;
  /** The account's branding; the page's own logo, when set, takes the place of the account's. */
  branding: Branding;
}

const LINK_REL = 'noopener noreferrer nofollow ugc';

function fieldId(name: string): string {
  return `f-${name}`;
}

/** The chrome's words, and the `lang` attribute they need when the page's own language is another. */
interface Chrome {
  t: Translator;
  lang: SafeHtml | '';
}

function chromeOf(t: Translator, config: PageConfig): Chrome {
  return { t, lang: config.language.toLowerCase().split('-')[0] === t.lang ? '' : html` lang="${t.lang}"` };
}

function issueText(t: Translator, issue: FieldIssue): SafeHtml {
  if (issue.code === 'unknown' || issue.code === 'body') return t.html('form.error.text');
  return t.html(`form.error.${issue.code}`, { limit: issue.limit ?? '' });
}

// The page title is the one h1; block headings sit below it (level 1 → h2 …) and never skip a
// level on the way down, so the outline stays navigable for screen readers.
function renderBlocks(blocks: Block[]): SafeHtml[] {
  let previous = 1;
  return blocks.map((block) => {
    if (block.type !== 'heading') return renderBlock(block);
    const level = Math.min(block.level + 1, previous + 1);
    previous = level;
    if (level === 2) return html`<h2>${block.text}</h2>`;
    return level === 3 ? html`<h3>${block.text}</h3>` : html`<h4>${block.text}</h4>`;
  });
}

function renderBlock(block: Exclude<Block, { type: 'heading' }>): SafeHtml {
  switch (block.type) {
    case 'paragraph':
      return html`<p class="prose">${block.text}</p>`;
    case 'image':
      return html`<img class="block" src="${block.url}" alt="${block.alt}" loading="lazy" decoding="async">`;
    case 'link':
      return html`<p class="link-block"><a href="${block.url}" rel="${LINK_REL}">${block.text}</a></p>`;
    case 'button':
      return html`<p><a class="button" href="${block.url}" rel="${LINK_REL}">${block.text}</a></p>`;
  }
}

// An owner who repeats the title as the first heading would otherwise see it twice.
function contentBlocks(config: PageConfig): Block[] {
  const [first, ...rest] = config.blocks;
  const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
  return first?.type === 'heading' && same(first.text, config.title) ? rest : config.blocks;
}

function control({ t, lang }: Chrome, field: FormField, value: string | boolean | undefined, describedBy: string, invalid: boolean): SafeHtml {
  const id = fieldId(field.name);
  const text = typeof value === 'string' ? value : '';
  const common = html`id="${id}" name="${field.name}"${field.required ? html` required` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}${invalid ? html` aria-invalid="true"` : ''}`;
  switch (field.type) {
    case 'textarea':
      return html`<textarea ${common}${field.max_length ? html` maxlength="${field.max_length}"` : ''}${field.placeholder ? html` placeholder="${field.placeholder}"` : ''} rows="5">${text}</textarea>`;
    case 'select':
      return html`<select ${common}><option value=""${lang}>${t.text('form.choose')}</option>${(field.options ?? []).map(
        (option) => html`<option value="${option}"${option === text ? html` selected` : ''}>${option}</option>`,
      )}</select>`;
    case 'checkbox':
      return html`<input type="checkbox" value="on" ${common}${value === true ? html` checked` : ''}>`;
    default: {
      const autocomplete = field.type === 'email' ? 'email' : field.type === 'tel' ? 'tel' : null;
      return html`<input type="${field.type}" ${common}${field.max_length ? html` maxlength="${field.max_length}"` : ''}${field.min !== null ? html` min="${field.min}"` : ''}${field.max !== null ? html` max="${field.max}"` : ''}${field.type === 'number' ? html` step="any" inputmode="decimal"` : ''}${autocomplete ? html` autocomplete="${autocomplete}"` : ''}${field.placeholder ? html` placeholder="${field.placeholder}"` : ''} value="${text}">`;
    }
  }
}

function renderField(c: Chrome, field: FormField, state: FormState | undefined): SafeHtml {
  const { t, lang } = c;
  const id = fieldId(field.name);
  const issue = state?.errors[field.name];
  const helpId = field.help_text ? `${id}-help` : '';
  const errorId = issue ? `${id}-error` : '';
  const describedBy = [errorId, helpId].filter(Boolean).join(' ');
  const label = html`${field.label}${field.required ? html` <span class="req"${lang}>(${t.text('form.required')})</span>` : ''}`;
  const help = field.help_text ? html`<p class="help" id="${helpId}">${field.help_text}</p>` : '';
  const message = issue ? html`<p class="field-error" id="${errorId}"${lang}>${issueText(t, issue)}</p>` : '';
  const input = control(c, field, state?.values[field.name], describedBy, Boolean(issue));
  if (field.type === 'checkbox') return html`<div class="field check">${help}${message}${input}<label for="${id}">${label}</label></div>`;
  return html`<div class="field"><label for="${id}">${label}</label>${help}${message}${input}</div>`;
}

function errorSummary({ t, lang }: Chrome, config: PageConfig, state: FormState | undefined): SafeHtml | '' {
  const fields = config.form?.fields.filter((f) => state?.errors[f.name]) ?? [];
  if (fields.length === 0) return '';
  return html`<div class="alert" role="alert" aria-labelledby="summary-title" tabindex="-1"><h2 id="summary-title"${lang}>${t.text('form.summary', { count: fields.length })}</h2><ul>${fields.map(
    // One child in the link (a flex box, for its 44 px target): label and message as two flex
    // items sat in columns, the message beside a label squeezed onto several lines.
    (f) => html`<li><a href="#${fieldId(f.name)}"><span>${f.label}: <span${lang}>${issueText(t, state!.errors[f.name]!)}</span></span></a></li>`,
  )}</ul></div>`;
}

// `action` null: the owner's preview, whose form can be filled in but sends nothing.
function renderForm(c: Chrome, config: PageConfig, action: string | null, state: FormState | undefined): SafeHtml | '' {
  if (!config.form) return '';
  const target = action === null ? '' : html` method="post" action="${action}"`;
  const disabled = action === null ? html` disabled` : '';
  return html`<form${target} accept-charset="utf-8">${config.form.fields.map((f) => renderField(c, f, state))}<div class="hp" aria-hidden="true"><label for="f-hp"${c.lang}>${c.t.text('form.honeypot')}</label><input type="text" id="f-hp" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></div><button type="submit" class="wide"${disabled}>${config.form.submit_label}</button></form>`;
}

function hero(config: PageConfig): SafeHtml | '' {
  return config.theme.hero_image_url ? html`<img class="hero-image" src="${config.theme.hero_image_url}" alt="${config.theme.hero_image_alt}">` : '';
}

function hostedBranding(ctx: HostedPageContext, config: PageConfig): Branding {
  return config.theme.logo_url ? { ...ctx.branding, logoUrl: config.theme.logo_url, logoAlt: config.theme.logo_alt } : ctx.branding;
}

/** The hosted page with its form posting to `formAction`; `state` re-renders a rejected submission. */
export function renderHostedPage(ctx: HostedPageContext, config: PageConfig, formAction: string, state?: FormState): RenderedPage {
  const hasErrors = state !== undefined && Object.keys(state.errors).length > 0;
  const title = hasErrors ? ctx.t.text('shell.errorTitle', { title: config.title }) : config.title;
  // A rejected answer starts with the summary of what to fix, each line linking to its field.
  const chrome = chromeOf(ctx.t, config);
  const body = html`${errorSummary(chrome, config, state)}${pageBody(chrome, config, formAction, state)}`;
  return renderPage({ t: ctx.t, documentLang: config.language, title, body, branding: hostedBranding(ctx, config), colours: resolveTheme(config.theme), externalImages: true, indexable: !hasErrors });
}

function pageBody(chrome: Chrome, config: PageConfig, formAction: string | null, state?: FormState): SafeHtml {
  return html`${hero(config)}<h1>${config.title}</h1>${renderBlocks(contentBlocks(config))}${renderForm(chrome, config, formAction, state)}`;
}

/**
 * The page as its owner sees it before (or after) publishing: the same page under a note saying
 * it is a preview, its form fillable but sending nothing, never indexed.
 */
export function renderHostedPagePreview(ctx: HostedPageContext, config: PageConfig, shown: 'published' | 'unpublished' | 'archived'): RenderedPage {
  const chrome = chromeOf(ctx.t, config);
  const note = html`<p class="notice" role="note"${chrome.lang}>${ctx.t.text(`page.preview.${shown}`)}</p>`;
  return renderPage({
    t: ctx.t,
    documentLang: config.language,
    title: config.title,
    body: html`${note}${pageBody(chrome, config, null)}`,
    branding: hostedBranding(ctx, config),
    colours: resolveTheme(config.theme),
    externalImages: true,
  });
}

/** The page shown after a successful submission: the owner's message, the optional next step, the way back. */
export function renderThanks(ctx: HostedPageContext, config: PageConfig, pageUrl: string): RenderedPage {
  const { t, lang } = chromeOf(ctx.t, config);
  const form = config.form;
  const next = form?.next_url ? html`<a class="button" href="${form.next_url}" rel="${LINK_REL}"${form.next_label ? '' : lang}>${form.next_label || t.text('thanks.next')}</a>` : '';
  const back = html`<a href="${pageUrl}"${next ? '' : html` class="button button-secondary"`}${lang}>${t.text('thanks.back', { title: config.title })}</a>`;
  const body = html`<div${lang}>${pageHeading('check', t.text('thanks.title'))}</div><p role="status" class="prose">${form?.success_message ?? ''}</p><div class="actions">${next}${back}</div>`;
  return renderPage({
    t,
    documentLang: config.language,
    title: t.text('thanks.title'),
    body,
    branding: hostedBranding(ctx, config),
    colours: resolveTheme(config.theme),
    tone: 'success',
    externalImages: true,
  });
}

/** The page of an unknown, unpublished or archived hosted page. */
export function renderPageNotFound(t: Translator): RenderedPage {
  const title = t.text('page.notFound.title');
  return renderPage({ t, title, body: html`${pageHeading('search', title)}<p>${t.html('page.notFound.body')}</p>` });
}

/** Why a form post failed, for people (API clients get problem+json). */
export function renderFormFailure(t: Translator, status: number): RenderedPage {
  const title = t.text('form.failed.title');
  const why = status === 429 ? 'form.failed.tooMany' : status === 413 ? 'form.failed.tooLarge' : status === 404 ? 'form.failed.gone' : 'form.failed.other';
  return renderPage({ t, title, body: html`${pageHeading('shield', title)}<p>${t.html(why)}</p>`, tone: 'danger' });
}
