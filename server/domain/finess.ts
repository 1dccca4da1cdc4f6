// FINESS numbers: 9 characters, département first, Luhn check digit last.
// Corsica's "2A"/"2B" are read as "20" (the département's code before 1976) for the key.

const FINESS_RE = /^(?:\d{2}|2[AB])\d{7}$/;

export const luhnValid = (digits: string): boolean => {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
};

export const finessDigits = (finess: string): string => finess.replace(/^2[AB]/, '20');

export const isValidFiness = (finess: string): boolean => FINESS_RE.test(finess) && luhnValid(finessDigits(finess));

/** Why a FINESS is refused, in French, or null when it is valid. */
export const finessProblem = (finess: string): string | null => {
  if (finess.length !== 9) return 'Un numéro FINESS compte 9 caractères.';
  if (!FINESS_RE.test(finess))
    return 'Un numéro FINESS commence par le département (ex. 75, 2A, 971) suivi de chiffres.';
  if (!luhnValid(finessDigits(finess))) return 'Clé de contrôle (Luhn) du numéro FINESS incorrecte.';
  return null;
};

/** The Luhn key that completes the first 8 characters into a valid FINESS. */
export const luhnKey = (first8: string): string => {
  for (let k = 0; k <= 9; k++) if (luhnValid(finessDigits(first8) + k)) return String(k);
  throw new Error(`no Luhn key for ${first8}`);
};
