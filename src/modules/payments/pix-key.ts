// Pix keys (chaves Pix) as the BCB's DICT defines them: CPF and CNPJ with their check digits
// (CNPJ also in the alphanumeric form the Receita Federal issues from July 2026), e-mail, a
// Brazilian mobile number in E.164 form, or a random key (EVP, a UUID). Input may be formatted
// as people write it ("123.456.789-09", "+55 (11) 98765-4321"); the key is returned in the form
// the BR Code carries.

/** The five kinds of Pix key. */
export const PIX_KEY_TYPES = ['cpf', 'cnpj', 'email', 'phone', 'evp'] as const;
export type PixKeyType = (typeof PIX_KEY_TYPES)[number];

/** The outcome of checking a Pix key. */
export type PixKeyCheck = { ok: true; key: string; type: PixKeyType } | { ok: false; reason: string };

/** Longest e-mail key the DICT accepts. */
export const PIX_EMAIL_MAX = 77;

const EMAIL = /^[a-z0-9.!#$&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Validates a CPF (11 digits, two mod-11 check digits); returns the digits. */
export function checkCpf(raw: string): PixKeyCheck {
  const cpf = raw.replace(/[\s.-]/g, '');
  if (!/^\d{11}$/.test(cpf)) return { ok: false, reason: 'a CPF has 11 digits (e.g. 123.456.789-09)' };
  if (/^(\d)\1{10}$/.test(cpf)) return { ok: false, reason: 'a CPF of one repeated digit is not a real CPF' };
  for (const n of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Number(cpf[i]) * (n + 1 - i);
    const digit = ((sum * 10) % 11) % 10;
    if (digit !== Number(cpf[n])) return { ok: false, reason: 'the CPF check digits (the last two) do not match: a digit is mistyped; if this is a phone number, write it as +55…' };
  }
  return { ok: true, key: cpf, type: 'cpf' };
}

const CNPJ_WEIGHTS = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

/** Validates a CNPJ (numeric, or the alphanumeric form: 12 letters/digits and 2 check digits). */
export function checkCnpj(raw: string): PixKeyCheck {
  const cnpj = raw.replace(/[\s./-]/g, '').toUpperCase();
  if (!/^[0-9A-Z]{12}\d{2}$/.test(cnpj)) return { ok: false, reason: 'a CNPJ has 14 characters: 12 letters or digits and 2 check digits (e.g. 12.345.678/0001-95)' };
  if (/^(\d)\1{13}$/.test(cnpj)) return { ok: false, reason: 'a CNPJ of one repeated digit is not a real CNPJ' };
  // Each character counts as its ASCII code minus 48, so digits keep their value and A counts 17.
  for (const n of [12, 13]) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (cnpj.charCodeAt(i) - 48) * CNPJ_WEIGHTS[i + 13 - n]!;
    const r = sum % 11;
    if ((r < 2 ? 0 : 11 - r) !== Number(cnpj[n])) return { ok: false, reason: 'the CNPJ check digits (the last two) do not match: a character is mistyped' };
  }
  return { ok: true, key: cnpj, type: 'cnpj' };
}

function checkEmailKey(raw: string): PixKeyCheck {
  const email = raw.trim().toLowerCase();
  if (email.length > PIX_EMAIL_MAX) return { ok: false, reason: `an e-mail Pix key has at most ${PIX_EMAIL_MAX} characters; this one has ${email.length}` };
  if (!EMAIL.test(email)) return { ok: false, reason: 'is not a valid e-mail address for a Pix key (letters, digits and . _ + - before the @, a domain after it)' };
  return { ok: true, key: email, type: 'email' };
}

function checkPhoneKey(raw: string): PixKeyCheck {
  const phone = raw.replace(/[\s().-]/g, '');
  if (!phone.startsWith('+55')) return { ok: false, reason: 'a phone Pix key is a Brazilian number written +55, the area code and the number (e.g. +55 11 98765-4321)' };
  if (!/^\+55[1-9][1-9]\d{8,9}$/.test(phone)) return { ok: false, reason: 'a phone Pix key is +55, a two-digit area code (11–99) and an 8- or 9-digit number' };
  return { ok: true, key: phone, type: 'phone' };
}

function checkEvp(raw: string): PixKeyCheck {
  const evp = raw.trim().toLowerCase();
  if (!UUID.test(evp)) return { ok: false, reason: 'a random Pix key (chave aleatória) is a UUID such as 123e4567-e89b-42d3-a456-426614174000' };
  return { ok: true, key: evp, type: 'evp' };
}

const CHECKERS: Record<PixKeyType, (raw: string) => PixKeyCheck> = { cpf: checkCpf, cnpj: checkCnpj, email: checkEmailKey, phone: checkPhoneKey, evp: checkEvp };

/** Validates a Pix key; its type is recognised from its shape unless given. */
export function checkPixKey(raw: unknown, type?: PixKeyType): PixKeyCheck {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, reason: 'must not be empty: enter the CPF, CNPJ, e-mail, phone (+55…) or random key (UUID) registered as your Pix key' };
  const text = raw.trim();
  if (type !== undefined) return CHECKERS[type](text);
  if (text.includes('@')) return checkEmailKey(text);
  if (text.startsWith('+')) return checkPhoneKey(text);
  if (UUID.test(text.toLowerCase())) return checkEvp(text);
  const compact = text.replace(/[\s./-]/g, '');
  if (/^\d{11}$/.test(compact)) return checkCpf(text);
  if (compact.length === 14) return checkCnpj(text);
  return { ok: false, reason: 'is not a Pix key: give a CPF (11 digits), a CNPJ (14 characters), an e-mail, a phone number as +55… or a random key (UUID)' };
}
