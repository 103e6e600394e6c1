// What a refused save says, at the top of a long form: the server's problems one per line, or
// its one sentence when it named no field. Focus moves here when it appears (and on every new
// refusal), as the problems may be a screen above the button that was pressed.
import { type ReactNode, useEffect, useRef } from 'react';
import { errorText } from '../api/field-errors.ts';
import { Alert } from './ui/misc.tsx';

export function ProblemSummary({ error, problems, notSaved }: { error: unknown; problems: readonly (readonly [key: string, text: ReactNode])[]; notSaved: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) box.current?.focus();
  }, [error]);
  return (
    <div ref={box} tabIndex={-1} className="mb-6 rounded-lg focus:outline-none">
      <Alert title={problems.length > 0 ? 'There is a problem' : notSaved}>
        {problems.length > 0 ? (
          <ul className="list-disc space-y-0.5 pl-5">
            {problems.map(([key, text]) => (
              <li key={key}>{text}</li>
            ))}
          </ul>
        ) : (
          errorText(error)
        )}
      </Alert>
    </div>
  );
}
