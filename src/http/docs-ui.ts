// /docs is Swagger UI; out of the box axe-core finds six kinds of problem in it (WCAG 2.2 AA and
// best practice). What its own plugin API and a stylesheet can mend is mended here:
// - each operation's summary is a button holding a link (its deep link): the link is drawn as
//   text, so the button is the one control (a link inside a button is two controls in one, and
//   a 19 px tall target); the address still follows the open operation (deepLinking);
// - the headings go from the title (h1) to the tags (h3): a heading for the list of operations
//   fills the level between, for screen readers only;
// - the title block and the server picker join the operations' `main` in landmarks (a header, a
//   named section);
// - the server picker is a select without a name: it gets the visible "Servers" caption's;
// - the authorization dialog gets a dialog role, a title at the right level, a named close
//   button, and takes focus when it opens (giving it back when it closes) and keeps it while open
//   (Tab goes round its controls); a button named other
//   than its visible text is named by its text;
// - the curl command wraps (a scrolling box the keyboard cannot reach, at 390 px), and the copy
//   path button stays open (it opened on hover only);
// - code samples use the `idea` highlighting theme, whose colours all reach 4.5:1 (agate's do not);
// - text under 4.5:1 is recoloured (DOCS_CSS): the method badges, version badges, the document
//   link, Authorize, Try it out / Cancel.
// @fastify/swagger-ui writes these functions' source into the page, so they use only what the
// page has (Swagger UI's system, `document`) and nothing from this module; for the same reason the
// components are defined inside the plugin, where Swagger UI's React is (the plugin runs once, so
// each component is still one function for the page's life).
// biome-ignore-all lint/correctness/noComponentHookFactories: see above

/**
 * Swagger UI's own plugin that fetches the document. Setting `uiConfig.plugins` replaces
 * @fastify/swagger-ui's list, which holds only this one, so it is listed again through the
 * bundle's global.
 */
export const swaggerDownloadUrl = (system: unknown) =>
  (globalThis as unknown as { SwaggerUIBundle: { plugins: { DownloadUrl: (s: unknown) => unknown } } }).SwaggerUIBundle.plugins.DownloadUrl(system);

type Element = unknown;
type H = (type: unknown, props?: Record<string, unknown> | null, ...children: unknown[]) => Element;
interface AuthPopupProps {
  authSelectors: { shownDefinitions(): { valueSeq(): { map(f: (definitions: unknown, i: number) => Element): Element } } };
  authActions: { showDefinitions(show: boolean): void };
  getComponent(name: string): unknown;
  errSelectors: unknown;
  specSelectors: unknown;
  fn: { AST?: unknown };
}

/** A Swagger UI plugin (in `uiConfig.plugins`, after swaggerDownloadUrl): the changes above. */
export const docsAccessibility = (system: { React: { createElement: H; useEffect(effect: () => () => void, deps: unknown[]): void; useRef<T>(initial: T): { current: T } } }) => {
  const h = system.React.createElement;
  const React = system.React;
  // Swagger UI's authorization dialog with a dialog role and name, a level-2 title and a named
  // close button (its own has none of them); Escape and the backdrop close it as before.
  const AuthorizationDialog = (props: AuthPopupProps) => {
    const close = () => props.authActions.showDefinitions(false);
    const box = React.useRef<HTMLElement | null>(null);
    // Focus moves into the dialog when it opens (its first field) and back to Authorize when it closes.
    React.useEffect(() => {
      const opener = document.activeElement as HTMLElement | null;
      box.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
      // Tab and Shift+Tab go round the dialog's own controls: the page behind is inert while it is open.
      const onKey = (event: KeyboardEvent) => {
        if (event.key === 'Escape') close();
        if (event.key !== 'Tab' || !box.current) return;
        const controls = Array.from(box.current.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')).filter(
          (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
        );
        const first = controls[0];
        const last = controls[controls.length - 1];
        if (!first || !last) return;
        const at = document.activeElement;
        if (!box.current.contains(at)) {
          event.preventDefault();
          first.focus();
        } else if (event.shiftKey && at === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && at === last) {
          event.preventDefault();
          first.focus();
        }
      };
      document.addEventListener('keydown', onKey);
      return () => {
        document.removeEventListener('keydown', onKey);
        // Swagger UI may have drawn Authorize anew meanwhile: then its new button takes the focus.
        (opener?.isConnected ? opener : document.querySelector<HTMLElement>('.auth-wrapper .btn.authorize'))?.focus();
      };
    }, []);
    const Auths = props.getComponent('auths');
    const CloseIcon = props.getComponent('CloseIcon');
    const auths = props.authSelectors
      .shownDefinitions()
      .valueSeq()
      .map((definitions, i) =>
        h(Auths, {
          key: i,
          AST: props.fn.AST ?? {},
          definitions,
          getComponent: props.getComponent,
          errSelectors: props.errSelectors,
          authSelectors: props.authSelectors,
          authActions: props.authActions,
          specSelectors: props.specSelectors,
        }),
      );
    return h(
      'div',
      { className: 'dialog-ux' },
      h('div', { className: 'backdrop-ux', onClick: close }),
      h(
        'div',
        { className: 'modal-ux', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'tessera-auth-title', ref: box },
        h(
          'div',
          { className: 'modal-dialog-ux' },
          h(
            'div',
            { className: 'modal-ux-inner' },
            h(
              'div',
              { className: 'modal-ux-header' },
              h('h2', { id: 'tessera-auth-title' }, 'Available authorizations'),
              h('button', { type: 'button', className: 'close-modal', 'aria-label': 'Close', onClick: close }, h(CloseIcon)),
            ),
            // Each scheme's own title is an h4: a level between keeps the outline whole.
            h('div', { className: 'modal-ux-content' }, h('h3', { className: 'tessera-sr-only' }, 'Schemes'), auths),
          ),
        ),
      ),
    );
  };
  return {
    components: { authorizationPopup: AuthorizationDialog },
    wrapComponents: {
      DeepLink: () => (props: { text: string }) => h('span', { className: 'nostyle' }, h('span', null, props.text)),
      operations: (Original: unknown) => (props: Record<string, unknown>) => h('div', null, h('h2', { className: 'tessera-sr-only' }, 'Operations by tag'), h(Original, props)),
      // The title block sits in a plain section, where a `header` element is no landmark.
      InfoContainer: (Original: unknown) => (props: Record<string, unknown>) => h('div', { role: 'banner' }, h(Original, props)),
      ServersContainer: (Original: unknown) => (props: Record<string, unknown>) => h('section', { 'aria-label': 'Servers' }, h(Original, props)),
      // A button whose aria-label leaves out its visible text ("Authorize" named "Apply
      // credentials") is named differently for voice control than what the eye reads: the text wins.
      Button: (Original: unknown) => (props: { 'aria-label'?: string; children?: unknown }) => {
        const label = props['aria-label'];
        const text = typeof props.children === 'string' ? props.children : null;
        if (!label || !text || label.toLowerCase().includes(text.toLowerCase())) return h(Original, props);
        return h(Original, { ...props, 'aria-label': undefined });
      },
    },
  };
};

/** Swagger UI's `onComplete`: names the server picker, which Swagger UI renders unlabelled. */
export const nameServerPicker = () => {
  const picker = document.getElementById('servers');
  if (picker && !picker.hasAttribute('aria-label')) picker.setAttribute('aria-label', 'Servers');
};

/** The docs page's stylesheet: no top bar (the page is Tessera's reference), and contrast fixes. */
export const DOCS_CSS = [
  '.swagger-ui .topbar { display: none; }',
  '.tessera-sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }',
  // Swagger UI's grey (#7d8492) and green (#89bf04) badges carry white text at 3.8:1 and 2.2:1.
  '.swagger-ui .info .title small { background: #4b5563; }',
  '.swagger-ui .info .title small.version-stamp { background: #3f6212; }',
  // The link to the document itself: #4990e2 on #fafafa is 3.2:1.
  '.swagger-ui .info .link, .swagger-ui .info a.link, .swagger-ui .info .url { color: #1d4ed8; }',
  // White method names on Swagger's light method colours read at 1.6–3.4:1; the same hues, darker.
  '.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #1d4ed8; }',
  '.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #15803d; }',
  '.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #a16207; }',
  '.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #0f766e; }',
  '.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #b91c1c; }',
  '.swagger-ui .opblock.opblock-head .opblock-summary-method, .swagger-ui .opblock.opblock-options .opblock-summary-method { background: #6d28d9; }',
  '.swagger-ui .btn.authorize { color: #15803d; border-color: #15803d; }',
  '.swagger-ui .btn.authorize svg { fill: #15803d; }',
  '.swagger-ui .btn.try-out__btn.cancel, .swagger-ui .btn.cancel { color: #b91c1c; border-color: #b91c1c; }',
  '.swagger-ui .btn.execute { background-color: #1d4ed8; border-color: #1d4ed8; }',
  '.swagger-ui .json-schema-2020-12-expand-deep-button { color: #525252; }',
  '.swagger-ui .download-contents { background: #4b5563; }',
  // On a phone the responses table (code, description, links) ran past the screen; the links
  // column, "No links" for every Tessera response, makes way.
  '@media (max-width: 600px) { .swagger-ui .responses-table .response-col_links { display: none; } }',
  // The copy-path button opened only on hover: invisible to touch and keyboard users, and a
  // 0–24 px target while it slid. It stays open.
  '.swagger-ui .opblock .opblock-summary .view-line-link.copy-to-clipboard { width: 24px; transition: none; }',
  '.swagger-ui .dialog-ux .modal-ux-header h2 { margin: 0; padding: 0 20px; font-size: 20px; font-weight: 600; flex: 1; color: #3b4151; }',
  // The curl command wraps instead of scrolling sideways in a box the keyboard cannot reach.
  // (!important: the highlighter sets `white-space: pre` on the element itself.)
  '.swagger-ui .curl-command .curl code { white-space: pre-wrap !important; word-break: break-all; }',
].join('\n');
