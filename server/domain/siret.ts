// SIRET numbers (14 digits: the SIREN of the legal unit, 9, then the NIC of the establishment, 5),
// with a Luhn key over all 14 (INSEE). One exception: La Poste's establishments (SIREN 356 000 000)
// are too many for the NIC's key, and INSEE checks theirs by the sum of the digits, a multiple of 5
// (as pass-culture's api/src/pcapi/utils/siren.py does). A SIRET valid for INSEE is valid here.
import { luhnValid } from './finess.js';

const SIRET_RE = /^\d{14}$/;
const LA_POSTE = '356000000';

const digitSum = (s: string): number => [...s].reduce((n, c) => n + c.charCodeAt(0) - 48, 0);

export const isValidSiret = (siret: string): boolean =>
  SIRET_RE.test(siret) && (luhnValid(siret) || (siret.startsWith(LA_POSTE) && digitSum(siret) % 5 === 0));

/** Why a SIRET is refused, in French, or null when it is valid. */
export const siretProblem = (siret: string): string | null => {
  if (!SIRET_RE.test(siret)) return 'Un numéro SIRET compte 14 chiffres (SIREN puis NIC).';
  if (!isValidSiret(siret)) return 'Clé de contrôle (Luhn) du numéro SIRET incorrecte.';
  return null;
};
