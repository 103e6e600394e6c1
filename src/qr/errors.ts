/** One problem with one input field, for problem+json `errors` lists. */
export interface QrErrorDetail {
  field: string;
  message: string;
}

/** Machine codes the HTTP layer maps to 400 problem types. */
export type QrErrorCode = 'design_invalid' | 'design_unscannable' | 'content_too_long';

/** Base class so callers can catch every engine refusal with one `instanceof`. */
export class QrError extends Error {
  readonly code: QrErrorCode;
  readonly details: QrErrorDetail[];
  constructor(code: QrErrorCode, message: string, details: QrErrorDetail[] = []) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** The design is malformed (`design_invalid`) or would not scan (`design_unscannable`). */
export class QrDesignError extends QrError {
  constructor(code: 'design_invalid' | 'design_unscannable', message: string, details: QrErrorDetail[] = []) {
    super(code, message, details);
  }
}

/** The content does not fit the largest allowed version at the chosen ECC level. */
export class QrCapacityError extends QrError {
  constructor(message: string, details: QrErrorDetail[] = []) {
    super('content_too_long', message, details);
  }
}
