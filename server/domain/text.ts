// Text as a person searches it: without accents or case ("Hôpital" finds "hopital").
import type { Establishment } from '../contract/plan.js';

export const fold = (s: string): string => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** The search box of lists and bulk allocation: part of a FINESS, or of the name. */
export const matchesSearch = (e: Pick<Establishment, 'finess' | 'name'> | undefined, q: string): boolean =>
  !!e && (e.finess.includes(q.trim().toUpperCase()) || fold(e.name).includes(fold(q.trim())));
