// What a key design_config does not have was probably meant to be: other generators' names,
// British spelling, singulars, and near misses by edit distance. Refusing `colour` with "did you
// mean color?" fixes a typo that used to render plain black.

// Names people write for the keys, at the top level and inside gradient, its stops, logo and frame.
const KEY_ALIASES: Record<string, string> = {
  colour: 'color',
  foreground: 'color',
  fg: 'color',
  bg: 'background',
  background_color: 'background',
  shape: 'shapes',
  eye: 'eyes',
  eye_shape: 'eyes',
  pupils: 'eye_pupils',
  eye_pupil: 'eye_pupils',
  eye_colour: 'eye_color',
  quiet_zone: 'margin',
  error_correction: 'ecc',
  error_correction_level: 'ecc',
  angle: 'rotation',
  position: 'offset',
  text_colour: 'text_color',
  caption: 'text',
  label: 'text',
};

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** The key of `known` that `key` most likely meant, if any is close. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  if (Object.hasOwn(KEY_ALIASES, lower) && known.includes(KEY_ALIASES[lower]!)) return KEY_ALIASES[lower];
  if (known.includes(lower)) return lower;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(lower, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Why `key` is refused inside `where` (design_config, gradient, frame…), with the key meant and the keys there are. */
export function unknownKeyMessage(key: string, where: string, known: readonly string[]): string {
  const suggestion = closestKey(key, known);
  return `${JSON.stringify(key)} is not a ${where} key${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}; known keys: ${known.join(', ')}`;
}
