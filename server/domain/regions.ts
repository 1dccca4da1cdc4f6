// Département → INSEE region code of its ARS (regions as of 1 January 2016, INSEE COG).
// Overseas: FINESS numbers start with 971..976 (Mayotte's older ones with 985) and the FINESS
// `departement` field spells them 9A..9F. Saint-Pierre-et-Miquelon (975 / 9E) and the 98x
// collectivities have no ARS: they map to nothing.

import { REGION_NAMES } from '../../shared/regions.js';

export { REGION_NAMES };

/** One of the 18 ARS regions: reference data, whatever the plan holds (an empty plan included). */
export const isArsRegion = (code: string): boolean => Object.hasOwn(REGION_NAMES, code);

const METROPOLE: Record<string, string> = {
  '84': '01 03 07 15 26 38 42 43 63 69 73 74',
  '27': '21 25 39 58 70 71 89 90',
  '53': '22 29 35 56',
  '24': '18 28 36 37 41 45',
  '94': '2A 2B 20',
  '44': '08 10 51 52 54 55 57 67 68 88',
  '32': '02 59 60 62 80',
  '11': '75 77 78 91 92 93 94 95',
  '28': '14 27 50 61 76',
  '75': '16 17 19 23 24 33 40 47 64 79 86 87',
  '76': '09 11 12 30 31 32 34 46 48 65 66 81 82',
  '52': '44 49 53 72 85',
  '93': '04 05 06 13 83 84',
};

const OVERSEAS: Record<string, string> = {
  '971': '01',
  '9A': '01',
  '972': '02',
  '9B': '02',
  '973': '03',
  '9C': '03',
  '974': '04',
  '9D': '04',
  '976': '06',
  '9F': '06',
  '985': '06',
};

export const REGION_OF_DEPARTEMENT: ReadonlyMap<string, string> = new Map([
  ...Object.entries(METROPOLE).flatMap(([region, deps]) => deps.split(' ').map((d) => [d, region] as const)),
  ...Object.entries(OVERSEAS),
]);

/** Region of a FINESS row: from its `departement` field, else from the number's first digits. */
export const regionOf = (departement: string, finess: string): string | undefined => {
  const d = departement.trim().toUpperCase();
  const overseas = finess.startsWith('97') || finess.startsWith('98');
  return (
    REGION_OF_DEPARTEMENT.get(d) ??
    REGION_OF_DEPARTEMENT.get(d.padStart(2, '0')) ??
    REGION_OF_DEPARTEMENT.get(overseas ? finess.slice(0, 3) : finess.slice(0, 2))
  );
};
