// What a refused save says, at the top of a long form: the server's problems one per line, or
// its one sentence when it named no field. Focus moves here when it appears (and on every new
// refusal), as the problems may be a screen above the button that was pressed. As in GOV.UK's
// error summary, each problem whose field is on the page is a link that moves focus to it.
import { type MouseEvent, type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { errorText } from '../api/field-errors.ts';
import { fieldControl } from './ui/field.tsx';
import { Alert } from './ui/misc.tsx';

// Each link a target of at least 24 px (WCAG 2.5.8) on a desktop, 44 px on a phone (UI.md), where
// it is a block: an inline-block that wraps sat its bullet beside its last line, not its first.
const link =
  'inline-block rounded-sm py-0.5 font-medium text-red-800 max-sm:block max-sm:py-3 underline underline-offset-2 hover:text-red-950 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700 dark:text-red-200 dark:hover:text-white';

export function ProblemSummary({ error, problems, notSaved }: { error: unknown; problems: readonly (readonly [key: string, text: ReactNode])[]; notSaved: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) box.current?.focus();
  }, [error]);
  // Which problems have their field on the page, by the id of its control (read once the fields
  // have rendered, before the browser paints).
  const keys = problems.map(([key]) => key).join('\n');
  const [targets, setTargets] = useState<Record<string, string>>({});
  useLayoutEffect(() => {
    const scope = box.current?.closest('form') ?? document;
    const found: Record<string, string> = {};
    for (const key of keys ? keys.split('\n') : []) {
      const control = fieldControl(scope, key);
      if (control?.id) found[key] = control.id;
    }
    setTargets((was) => (JSON.stringify(was) === JSON.stringify(found) ? was : found));
  }, [keys]);
  const goTo = (event: MouseEvent, key: string) => {
    const control = fieldControl(box.current?.closest('form') ?? document, key);
    if (!control) return;
    event.preventDefault();
    control.focus({ preventScroll: true });
    // The whole field (its label, the control and the message) in view, not only the control.
    (control.closest<HTMLElement>('[data-field]') ?? control).scrollIntoView({ block: 'center' });
  };
  return (
    <div ref={box} tabIndex={-1} className="mb-6 rounded-lg focus:outline-none">
      <Alert title={problems.length > 0 ? 'There is a problem' : notSaved}>
        {problems.length > 0 ? (
          <ul className="list-disc space-y-1 pl-5 max-sm:space-y-0">
            {problems.map(([key, text]) => (
              <li key={key}>
                {targets[key] ? (
                  <a href={`#${targets[key]}`} className={link} onClick={(event) => goTo(event, key)}>
                    {text}
                  </a>
                ) : (
                  text
                )}
              </li>
            ))}
          </ul>
        ) : (
          errorText(error)
        )}
      </Alert>
    </div>
  );
}
