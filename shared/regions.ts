// The 18 ARS regions by INSEE code (regions as of 1 January 2016, INSEE COG): reference data that
// the server's rules and the pages (an ARS account's header, the accounts page) both read.

export const REGION_NAMES: Readonly<Record<string, string>> = {
  '84': 'Auvergne-Rhône-Alpes',
  '27': 'Bourgogne-Franche-Comté',
  '53': 'Bretagne',
  '24': 'Centre-Val de Loire',
  '94': 'Corse',
  '44': 'Grand Est',
  '32': 'Hauts-de-France',
  '11': 'Île-de-France',
  '28': 'Normandie',
  '75': 'Nouvelle-Aquitaine',
  '76': 'Occitanie',
  '52': 'Pays de la Loire',
  '93': "Provence-Alpes-Côte d'Azur",
  '01': 'Guadeloupe',
  '02': 'Martinique',
  '03': 'Guyane',
  '04': 'La Réunion',
  '06': 'Mayotte',
};

/** How an ARS is named: « ARS Île-de-France » (the code itself for an unknown one). */
export const arsLabel = (code: string): string => `ARS ${REGION_NAMES[code] ?? code}`;
