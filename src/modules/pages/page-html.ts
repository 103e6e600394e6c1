// Server-rendered hosted pages: mobile-first, no script, every owner or visitor string escaped by
// the `html` tag. Pure: returns the document and the Content-Security-Policy that goes with it.
import { html, raw, type SafeHtml } from './html.ts';
import { type Block, DEFAULT_THEME, type FormField, type PageConfig } from './page-config.ts';
import { pageContentSecurityPolicy, pageStyle } from './page-style.ts';
import { resolveTheme } from './theme.ts';

/** Name of the hidden field bots fill and people leave empty; owners cannot use it (field names start with a letter). */
export const HONEYPOT_FIELD = '_website';

/** What a visitor typed and what was wrong with it, to render the form again. */
export interface FormState {
  /** Submitted values by field name (checkboxes: true when ticked). */
  values: Record<string, string | boolean>;
  /** Messages by field name. */
  errors: Record<string, string>;
}

/** A rendered document with its security policy. */
export interface RenderedPage {
  html: string;
  contentSecurityPolicy: string;
}

const LINK_REL = 'noopener noreferrer nofollow ugc';

function fieldId(name: string): string {
  return `f-${name}`;
}

function renderBlock(block: Block): SafeHtml {
  switch (block.type) {
    case 'heading':
      if (block.level === 1) return html`<h2>${block.text}</h2>`;
      return block.level === 2 ? html`<h3>${block.text}</h3>` : html`<h4>${block.text}</h4>`;
    case 'paragraph':
      return html`<p>${block.text}</p>`;
    case 'image':
      return html`<img class="block" src="${block.url}" alt="${block.alt}" loading="lazy" decoding="async">`;
    case 'link':
      return html`<p><a href="${block.url}" rel="${LINK_REL}">${block.text}</a></p>`;
    case 'button':
      return html`<p><a class="button" href="${block.url}" rel="${LINK_REL}">${block.text}</a></p>`;
  }
}

function control(field: FormField, value: string | boolean | undefined, describedBy: string, invalid: boolean): SafeHtml {
  const id = fieldId(field.name);
  const text = typeof value === 'string' ? value : '';
  const common = html`id="${id}" name="${field.name}"${field.required ? html` required` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}${invalid ? html` aria-invalid="true"` : ''}`;
  switch (field.type) {
    case 'textarea':
      return html`<textarea ${common}${field.max_length ? html` maxlength="${field.max_length}"` : ''}${field.placeholder ? html` placeholder="${field.placeholder}"` : ''} rows="5">${text}</textarea>`;
    case 'select':
      return html`<select ${common}><option value="">Choose…</option>${(field.options ?? []).map(
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

function renderField(field: FormField, state: FormState | undefined): SafeHtml {
  const id = fieldId(field.name);
  const error = state?.errors[field.name];
  const helpId = field.help_text ? `${id}-help` : '';
  const errorId = error ? `${id}-error` : '';
  const describedBy = [errorId, helpId].filter(Boolean).join(' ');
  const label = html`${field.label}${field.required ? html` <span class="req">(required)</span>` : ''}`;
  const help = field.help_text ? html`<p class="help" id="${helpId}">${field.help_text}</p>` : '';
  const message = error ? html`<p class="error" id="${errorId}">${error}</p>` : '';
  const input = control(field, state?.values[field.name], describedBy, Boolean(error));
  if (field.type === 'checkbox') return html`<div class="field check">${message}${help}${input}<label for="${id}">${label}</label></div>`;
  return html`<div class="field"><label for="${id}">${label}</label>${help}${message}${input}</div>`;
}

function errorSummary(config: PageConfig, state: FormState | undefined): SafeHtml | '' {
  const fields = config.form?.fields.filter((f) => state?.errors[f.name]) ?? [];
  if (fields.length === 0) return '';
  return html`<div class="summary" role="alert" aria-labelledby="summary-title"><h2 id="summary-title">Please correct ${fields.length === 1 ? 'this field' : `these ${fields.length} fields`}</h2><ul>${fields.map(
    (f) => html`<li><a href="#${fieldId(f.name)}">${f.label}: ${state!.errors[f.name]!}</a></li>`,
  )}</ul></div>`;
}

function renderForm(config: PageConfig, action: string, state: FormState | undefined): SafeHtml | '' {
  if (!config.form) return '';
  return html`<form method="post" action="${action}" accept-charset="utf-8">${errorSummary(config, state)}${config.form.fields.map((f) => renderField(f, state))}<div class="hp"><label for="f-hp">Leave this empty</label><input type="text" id="f-hp" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></div><button type="submit">${config.form.submit_label}</button></form>`;
}

function documentFor(config: PageConfig, title: string, body: SafeHtml): RenderedPage {
  // The stylesheet is built from module constants and colours validated as #rrggbb: trusted markup.
  const style = pageStyle(resolveTheme(config.theme));
  const logo = config.theme.logo_url ? html`<img class="logo" src="${config.theme.logo_url}" alt="${config.theme.logo_alt}">` : '';
  const doc = html`<!doctype html>
<html lang="${config.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(style.css)}</style>
</head>
<body>
<main>${logo}${body}</main>
</body>
</html>
`;
  return { html: doc.value, contentSecurityPolicy: pageContentSecurityPolicy(style.cspSource) };
}

/** The hosted page with its form posting to `formAction`; `state` re-renders a rejected submission. */
export function renderPage(config: PageConfig, formAction: string, state?: FormState): RenderedPage {
  const hasErrors = state && Object.keys(state.errors).length > 0;
  const title = hasErrors ? `Error: ${config.title}` : config.title;
  return documentFor(config, title, html`<h1>${config.title}</h1>${config.blocks.map(renderBlock)}${renderForm(config, formAction, state)}`);
}

/** The page shown after a successful submission. */
export function renderThanks(config: PageConfig, pageUrl: string): RenderedPage {
  const message = config.form?.success_message ?? 'Thank you!';
  return documentFor(config, config.title, html`<h1>${config.title}</h1><p role="status">${message}</p><p><a href="${pageUrl}">Back to the page</a></p>`);
}

const PLAIN: PageConfig = { title: '', language: 'en', blocks: [], theme: DEFAULT_THEME, form: null, published: true };

/** A plain status document (not found, too many requests…) in the default theme. */
export function renderStatusPage(title: string, message: SafeHtml): RenderedPage {
  return documentFor(PLAIN, title, html`<h1>${title}</h1><p>${message}</p>`);
}

/** The "not found" document of unknown or unpublished pages. */
export function renderNotFound(): RenderedPage {
  return renderStatusPage('Page not found', html`This page does not exist or is no longer published.`);
}
