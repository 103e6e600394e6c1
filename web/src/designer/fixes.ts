// One-click fixes for what the lint reports: each names what it will change. They only edit the
// design document; whether the result passes is again the engine's call.
import type { DesignConfig } from '../api/types.ts';
import { CIRCLE_PUPIL_FRAMES, DIAMOND_PUPIL_FRAMES, type Issue, largestLogo } from './engine.ts';

/** A change the person can apply with one click. */
export interface Fix {
  label: string;
  apply(design: DesignConfig): DesignConfig;
}

/** Plain-language headline for an issue, as screens say it. */
export function issueTitle(issue: Issue): string {
  if (issue.field === 'margin') return 'The blank border (quiet zone) is too thin';
  if (issue.field.startsWith('logo')) return 'The logo covers too much of the code';
  if (issue.code === 'inverted') return 'Light code on a dark background';
  if (issue.code === 'mixed_polarity') return 'Some colours are lighter than the background';
  if (issue.code === 'transparent_background') return 'Transparent background';
  if (issue.code === 'frame_text_contrast') return 'The caption is hard to read';
  if (issue.code === 'ecc_raised') return 'Error correction raised for the logo';
  if (issue.code === 'content_too_long') return 'Too much text for one code';
  if (issue.code === 'design_invalid') return 'A value is not valid';
  if (issue.code === 'eyes_adjusted' && issue.field === 'eye_pupils') return 'Round centres drawn with rounded corners';
  if (issue.code === 'eyes_adjusted') return 'Corner frames changed so the code scans';
  if (issue.code === 'low_resolution') return 'Too few pixels per module';
  if (issue.code === 'dense_code') return 'A dense code: hard for phones to read';
  if (issue.field === 'eye_color' && issue.code !== 'low_contrast') return 'The corner eyes are hard to find';
  if (issue.code === 'low_contrast' || /^(color|gradient|eye_color|background)/.test(issue.field)) return 'Low contrast';
  return 'Check this design';
}

// "rounded, extra-rounded or circle": the engine's list of frames, so the words follow its rules.
function eitherOf(frames: readonly string[]): string {
  return frames.length > 1 ? `${frames.slice(0, -1).join(', ')} or ${frames.at(-1)}` : (frames[0] ?? '');
}

/**
 * The sentence under the title, for people: the engine's messages name design fields and values
 * for API users ("eye_pupils 'circle' drawn as 'rounded' in 'leaf' eyes"), and decoders by name.
 */
export function issueMessage(issue: Issue): string {
  if (issue.code === 'eyes_adjusted' && issue.field === 'eye_pupils') {
    const frames = eitherOf(CIRCLE_PUPIL_FRAMES);
    return `A round centre cannot keep the proportions scanners look for inside these corner frames, so it is drawn as a rounded square. ${frames.charAt(0).toUpperCase()}${frames.slice(1)} corner frames keep it round.`;
  }
  if (issue.code === 'eyes_adjusted') {
    return `A diamond centre only scans reliably in ${eitherOf(DIAMOND_PUPIL_FRAMES)} corner frames, so the corners are drawn extra-rounded. Choose one of those to decide which.`;
  }
  if (issue.code === 'ecc_raised') return 'Error correction is set to High because the logo covers part of the code.';
  // The engine writes for API users, in lower case and with the design's field names; under a
  // title the message reads as a sentence of its own, in the words the controls use.
  const text = issue.message
    .replaceAll(' (jsQR)', '')
    .replace(/^margin \(quiet zone\) is (\d+) (modules?)/, 'the blank border is $1 $2 wide')
    .replaceAll(' (frame.color)', '')
    .replace(/^frame caption contrast/, 'the caption contrast');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
}

const darkOnWhite: Fix = {
  label: 'Use dark on white',
  apply: (d) => ({ ...d, color: '#18181b', background: '#ffffff', gradient: null, eye_color: null }),
};

/** The fix for an issue, when there is an obvious one. */
export function fixFor(issue: Issue, context: { version: number | null }): Fix | null {
  if (issue.field === 'margin') return { label: 'Set the quiet zone to 4 modules', apply: (d) => ({ ...d, margin: 4 }) };
  if (issue.field.startsWith('logo') && context.version !== null) {
    const max = largestLogo(context.version);
    if (max <= 0) return { label: 'Remove the logo', apply: (d) => ({ ...d, logo: null }) };
    return {
      label: `Shrink the logo to ${Math.round(max * 100)}%`,
      apply: (d) => {
        const logo = d.logo;
        const src = typeof logo === 'string' ? logo : (logo as { src?: unknown } | null)?.src;
        return { ...d, logo: { src, size: max } };
      },
    };
  }
  if (issue.code === 'inverted') {
    return {
      label: 'Swap the colours',
      apply: (d) => ({
        ...d,
        color: typeof d.background === 'string' && d.background !== 'transparent' ? d.background : '#ffffff',
        background: typeof d.color === 'string' ? d.color : '#000000',
        gradient: null,
      }),
    };
  }
  if (issue.code === 'transparent_background') return { label: 'Use a white background', apply: (d) => ({ ...d, background: '#ffffff' }) };
  // Diamond and circle centres keep their ratios only in round frames: choose one instead of the
  // engine's swap (a diamond's frames, a circle's own shape).
  if (issue.code === 'eyes_adjusted') return { label: 'Use extra-rounded corner frames', apply: (d) => ({ ...d, eyes: 'extra-rounded' }) };
  if (issue.code === 'frame_text_contrast') {
    return { label: 'Use a white caption on a dark frame', apply: (d) => ({ ...d, frame: { ...(typeof d.frame === 'object' && d.frame ? d.frame : {}), color: '#18181b', text_color: '#ffffff' } }) };
  }
  // Eyes lighter than the modules, or across the background from them: the code colour suits them.
  if (issue.field === 'eye_color' && issue.code !== 'low_contrast') return { label: 'Draw the eyes in the code colour', apply: (d) => ({ ...d, eye_color: null }) };
  if (issue.code === 'low_contrast' || issue.code === 'mixed_polarity' || (issue.code === 'design_unscannable' && /^(color|gradient|eye_color|background)/.test(issue.field))) return darkOnWhite;
  return null;
}
