// The one place a refusal of the QR engine (QrError: design_invalid, design_unscannable,
// content_too_long) becomes an HTTP problem. The engine is pure and knows nothing of HTTP; what
// differs between callers is only where the refused input sat in the request.
import { AppError } from '../../errors.ts';
import { QrError } from '../../qr/index.ts';

/** Where the input the engine refused came from. */
export type EngineInput =
  /** Fields as the engine names them (ad-hoc renders, morphing codes, items, payments). */
  | { kind: 'engine' }
  /** A design_config, submitted or stored: field pointers below `prefix`. */
  | { kind: 'design'; prefix?: string }
  /** A code's content checked before it is saved: content_too_long points at `field`, design refusals at body/design_config. */
  | { kind: 'content'; field: string };

const ENGINE: EngineInput = { kind: 'engine' };
const DESIGN_PREFIX = 'body/design_config';

/** The registered 400 for an engine refusal. */
export function qrProblem(error: QrError, input: EngineInput = ENGINE): AppError {
  if (input.kind === 'engine') return new AppError(error.code, error.message, { errors: error.details.map((d) => ({ field: d.field, message: d.message })) });
  if (input.kind === 'content' && error.code === 'content_too_long') {
    return new AppError('content_too_long', `${input.field.replace(/^body\//, '')} is too long to fit a QR code with this design: ${error.message}.`, {
      errors: [{ field: input.field, message: error.message }],
    });
  }
  const prefix = input.kind === 'design' ? (input.prefix ?? DESIGN_PREFIX) : DESIGN_PREFIX;
  const errors = error.details.length > 0 ? error.details.map((d) => ({ field: `${prefix}/${d.field}`, message: d.message })) : [{ field: prefix, message: error.message }];
  return new AppError(error.code, `${prefix.replace(/^body\//, '')}: ${error.message}.`, { errors });
}

/** Runs `engineCall`, reporting its refusals as problems about `input`. */
export function withQrProblems<T>(input: EngineInput, engineCall: () => T): T {
  try {
    return engineCall();
  } catch (error) {
    if (error instanceof QrError) throw qrProblem(error, input);
    throw error;
  }
}

/** withQrProblems for asynchronous engine work (rasterising). */
export async function withQrProblemsAsync<T>(input: EngineInput, engineCall: () => Promise<T>): Promise<T> {
  try {
    return await engineCall();
  } catch (error) {
    if (error instanceof QrError) throw qrProblem(error, input);
    throw error;
  }
}
