// The logo as the public pages will show it, loaded from the address typed: a wrong address, a
// page instead of an image or a server that refuses other sites show here, before the pages
// that strangers see show a broken image.
import { useState } from 'react';

type State = 'loading' | 'shown' | 'failed';

export function LogoPreview({ url, alt }: { url: string; alt: string }) {
  const [state, setState] = useState<{ url: string; state: State }>({ url, state: 'loading' });
  // A new address starts over (without an effect: the state remembers which address it is about).
  const current = state.url === url ? state.state : 'loading';
  if (state.url !== url) setState({ url, state: 'loading' });
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-lg border border-zinc-200 px-3 py-2.5 text-[13px] dark:border-zinc-700" aria-live="polite">
      <span className="flex h-10 min-w-10 items-center justify-center rounded bg-white px-2">
        <img
          key={url}
          src={url}
          alt={alt}
          className={current === 'shown' ? 'max-h-8 max-w-40 object-contain' : 'hidden'}
          onLoad={() => setState({ url, state: 'shown' })}
          onError={() => setState({ url, state: 'failed' })}
        />
      </span>
      <span className={current === 'failed' ? 'text-red-700 dark:text-red-400' : 'text-zinc-600 dark:text-zinc-400'}>
        {current === 'loading'
          ? 'Loading the logo…'
          : current === 'shown'
            ? 'How it shows at the top of your pages.'
            : 'No image could be loaded from this address. Check that it opens as an image in a browser, and that its server lets other sites show it.'}
      </span>
    </div>
  );
}
