// Text as people read and search it: nothing invisible or misleading in what they type, and
// searches without accents or case ("Hôpital" finds "hopital").

export const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** The search box of lists and bulk allocation: part of a FINESS (a pooled resource's SIRET), or
 *  of the name. */
export const matchesSearch = (e: { name: string; finess?: string; siret?: string } | undefined, q: string): boolean =>
  !!e && ((e.finess ?? e.siret ?? '').includes(q.trim().toUpperCase()) || fold(e.name).includes(fold(q.trim())));

// Bidi embeddings, overrides and isolates reorder what a reader sees ("Trojan Source", CVE-2021-42574).
const BIDI = /[\u202A-\u202E\u2066-\u2069]/u;
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const LINE_CONTROLS = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/u;
const CONTROLS = /\p{Cc}/u;
const LONE_SURROGATE = /\p{Cs}/u; // with the u flag only an unpaired half matches
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}]/gu;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why a free text would mislead its readers, in French, or null. Line breaks and tabs are
 *  allowed only in multi-line texts; an empty text is for the caller to accept or not. */
export const textProblem = (s: string, { multiline = false } = {}): string | null => {
  if (LONE_SURROGATE.test(s)) return 'caractère invalide (moitié isolée d’une paire UTF-16) refusé.';
  const control = s.match(multiline ? LINE_CONTROLS : CONTROLS)?.[0];
  if (control !== undefined) return `caractère de contrôle ${codePoint(control)} refusé.`;
  const bidi = s.match(BIDI)?.[0];
  if (bidi !== undefined)
    return `caractère de contrôle du sens d’écriture ${codePoint(bidi)} refusé : il peut changer l’ordre d’affichage du texte.`;
  if (s !== '' && s.replace(INVISIBLE, '') === '') return 'ne contient que des caractères invisibles.';
  return null;
};
