// A FINESS-shaped file of any size, written in a temp dir (never committed): `kept` rows are
// hospitals (aggregate 1102) with valid keys, the rest EHPAD (4401), each followed by a
// geolocalisation row, like the national geolocated extract (unless `geolocalisation` is false).
import { openSync, writeSync, closeSync, statSync } from 'node:fs';
import { finessDigits, luhnValid } from '../../server/domain/finess.js';

const withKey = (eight: string): string => {
  for (let k = 0; k < 10; k++) if (luhnValid(finessDigits(`${eight}${k}`))) return `${eight}${k}`;
  throw new Error('unreachable');
};

const DEPS = ['01', '13', '33', '59', '69', '75', '78', '91', '94', '2A'];

export const generateFiness = (
  path: string,
  rows: number,
  keepEvery = 25,
  geolocalisation = true,
): { bytes: number; kept: number } => {
  const fd = openSync(path, 'w');
  let buf: string[] = ['finess;etalab;95;2024-03-12'],
    kept = 0;
  for (let i = 0; i < rows; i++) {
    const dep = DEPS[i % DEPS.length]!;
    const hospital = i % keepEvery === 0;
    const finess = withKey(`${dep}${String(i).padStart(6, '0')}`);
    if (hospital) kept++;
    const [agr, lib, sph] = hospital
      ? ['1102', 'Centres Hospitaliers', 'Etablissement public de santé']
      : ['4401', 'Etablissements pour Personnes Agées', 'Non concerné'];
    buf.push(
      `structureet;${finess};;CH ${i};Centre hospitalier n° ${i} - Hôpital Sainte-Thérèse;;;12;R;DE L'ÉGLISE;;;123;${dep};DÉPARTEMENT;${dep}000 VILLE;0100000000;;355;Centre Hospitalier (C.H.);${agr};${lib};26000000000000;8610Z;03;ARS établissements Publics de santé dotation globale;1;${sph};1970-01-01;1970-01-01;2024-01-15;`,
    );
    if (geolocalisation)
      buf.push(
        `geolocalisation;${finess};633000.0;6858000.0;1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93;2024-01-15`,
      );
    if (buf.length >= 5000) {
      writeSync(fd, Buffer.from(`${buf.join('\n')}\n`, 'latin1'));
      buf = [];
    }
  }
  if (buf.length) writeSync(fd, Buffer.from(`${buf.join('\n')}\n`, 'latin1'));
  closeSync(fd);
  return { bytes: statSync(path).size, kept };
};
