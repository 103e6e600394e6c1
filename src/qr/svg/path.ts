// Compact SVG path writing: numbers rounded to 1/1000 module, leading zeros dropped and
// separators emitted only where the parser needs them ("a.5.5" is two numbers).

/** Shortest decimal form of x to three places (".5", "-.25", "3"). */
export function num(x: number): string {
  const r = Math.round(x * 1000) / 1000;
  if (Number.isInteger(r)) return r === 0 ? '0' : String(r);
  const s = String(r);
  if (s.charCodeAt(0) === 48) return s.slice(1); // "0.5" → ".5"
  if (s.charCodeAt(0) === 45 && s.charCodeAt(1) === 48) return `-${s.slice(2)}`;
  return s;
}

// Path coordinates are nearly always multiples of 0.01 module within a few hundred modules,
// so their text is precomputed: formatting numbers dominated rendering time otherwise. Steps of
// 0.01 cover the thin shapes' 0.48 and 0.62 as well as the 0.05 grid of the rest.
const FAST_STEPS = 100;
const FAST_RANGE = 400 * FAST_STEPS;
let fastTable: string[] | undefined;

/** `num(x)`, from a lookup table when x is a multiple of 0.01 in ±400. */
export function fastNum(x: number): string {
  const scaled = x * FAST_STEPS;
  const i = Math.round(scaled);
  if (i >= -FAST_RANGE && i <= FAST_RANGE && Math.abs(scaled - i) < 1e-6) {
    if (!fastTable) {
      fastTable = new Array<string>(2 * FAST_RANGE + 1);
      for (let k = -FAST_RANGE; k <= FAST_RANGE; k++) fastTable[k + FAST_RANGE] = num(k / FAST_STEPS);
    }
    return fastTable[i + FAST_RANGE]!;
  }
  return num(x);
}

/** Accumulates path data with minimal separators. */
export class PathWriter {
  d = '';
  private afterNumber = false;
  private lastHadDot = false;

  /** Appends a command letter. */
  cmd(c: string): this {
    this.d += c;
    this.afterNumber = false;
    return this;
  }

  /** Appends one number argument. */
  n(x: number): this {
    const s = fastNum(x);
    if (this.afterNumber) {
      const c = s.charCodeAt(0);
      // A following digit always needs a space; a following "." only if the previous number has none.
      if (c !== 45 && (c !== 46 || !this.lastHadDot)) this.d += ' ';
    }
    this.d += s;
    this.afterNumber = true;
    this.lastHadDot = s.includes('.');
    return this;
  }

  /** Absolute move. */
  M(x: number, y: number): this {
    return this.cmd('M').n(x).n(y);
  }

  /** Relative horizontal line (skipped when zero). */
  h(dx: number): this {
    return Math.abs(dx) < 1e-9 ? this : this.cmd('h').n(dx);
  }

  /** Relative vertical line (skipped when zero). */
  v(dy: number): this {
    return Math.abs(dy) < 1e-9 ? this : this.cmd('v').n(dy);
  }

  /** Relative circular arc of radius r. */
  a(r: number, large: 0 | 1, sweep: 0 | 1, dx: number, dy: number): this {
    return this.cmd('a').n(r).n(r).n(0).n(large).n(sweep).n(dx).n(dy);
  }

  /** Relative straight line. */
  l(dx: number, dy: number): this {
    return this.cmd('l').n(dx).n(dy);
  }

  /** Closes the subpath. */
  z(): this {
    return this.cmd('z');
  }

  /** A diamond centred on (cx, cy) reaching `tip` along the axes, each tip cut flat `flat` to either side: the stone of diamond modules and pupils. */
  stone(cx: number, cy: number, tip: number, flat: number): this {
    const e = tip - flat;
    return this.M(cx - flat, cy - tip)
      .h(2 * flat)
      .l(e, e)
      .v(2 * flat)
      .l(-e, e)
      .h(-2 * flat)
      .l(-e, -e)
      .v(-2 * flat)
      .z();
  }
}
