// Texts of the imports page (FINESS extract, allocations file), in French, added to the common ones.
import { base } from './common.js';
import { formatCount } from '../lib/format.js';
import { pluralize } from '../lib/plural.js';

/** "a, b et c", leaving out the empty parts. */
const list = (parts: Array<string | 0 | false>) => {
  const xs = parts.filter((p): p is string => !!p);
  return xs.length > 1 ? `${xs.slice(0, -1).join(', ')} et ${xs.at(-1)}` : (xs[0] ?? '');
};
/** An allocation import's counts, amounts already written in euros. */
interface ImportCounts {
  created: number;
  updated: number;
  revised: number;
  createdEuros: string;
  change: string;
}

export const t = {
  ...base,
  imports: {
    title: 'Importer des données',
    intro:
      'Alimentez Jalon à partir du fichier national FINESS, puis d’un tableur d’allocations. Chaque import se simule d’abord ; l’application est tout ou rien.',
    pick: 'Choisir un fichier',
    noFileChosen: 'Aucun fichier choisi',
    simulate: 'Simuler',
    simulating: 'Simulation…',
    apply: 'Appliquer l’import',
    applying: 'Application…',
    cancel: 'Interrompre',
    cancelled: 'Import interrompu : rien n’a été modifié.',
    stale: 'Le fichier a changé : simulez à nouveau avant d’appliquer.',
    noFile: 'Choisissez d’abord un fichier.',
    fileInfo: (name: string, size: string) => `${name} · ${size}`,
    line: 'Ligne',
    reason: 'Motif',
    refusedCaption: (n: number) => pluralize(n, { one: '{n} ligne refusée', other: '{n} lignes refusées' }),
    refusedTruncated: (shown: number) => `Les ${shown.toLocaleString('fr-FR')} premières sont listées.`,
    refusedRegion: 'Liste des lignes refusées',
    previewTitle: 'Résultat de la simulation',
    appliedTitle: 'Résultat de l’import',
    dryRunBadge: 'Simulation',
    appliedBadge: 'Appliqué',
    finess: {
      title: 'Extraction FINESS',
      intro:
        'Le fichier « Extraction du Fichier des établissements » de data.gouv.fr, tel que publié (Latin-1, séparateur « ; », lignes « structureet » et « geolocalisation »). Seuls les établissements de santé sont retenus ; ceux déjà connus sont mis à jour, ceux absents du fichier restent inchangés.',
      file: 'Fichier FINESS (.csv)',
      fileHint: 'Jusqu’à 200 Mo. Le fichier est lu au fil de l’envoi.',
      progressLabel: 'Avancement de l’envoi et de la lecture du fichier',
      sending: (pct: string, sent: string, total: string) => `Envoi : ${pct} (${sent} sur ${total})`,
      processing: (lines: string) =>
        `Fichier reçu${lines === '0' ? '' : ` : ${lines} lignes lues`} ; lecture et comparaison avec le référentiel…`,
      started: 'Envoi du fichier FINESS…',
      lines: 'Lignes lues',
      kept: 'Établissements retenus',
      created: 'À créer',
      updated: 'À mettre à jour',
      createdDone: 'Créés',
      updatedDone: 'Mis à jour',
      unchanged: 'Inchangés',
      refused: 'Lignes refusées',
      skipped: (geo: number, cat: number, other: number) =>
        `Lignes ignorées : ${geo.toLocaleString('fr-FR')} de géolocalisation, ${cat.toLocaleString('fr-FR')} hors catégories retenues, ${other.toLocaleString('fr-FR')} autres.`,
      regions: (codes: string) => `Régions ajoutées au référentiel : ${codes}.`,
      createdList: (n: number) => `Établissements à créer (${n.toLocaleString('fr-FR')})`,
      updatedList: (n: number) => `Établissements à mettre à jour (${n.toLocaleString('fr-FR')})`,
      listCapped: (n: number) => `Les ${n.toLocaleString('fr-FR')} premiers sont listés.`,
      name: 'Raison sociale',
      fields: 'Champs modifiés',
      fieldNames: {
        name: 'raison sociale',
        region: 'région',
        category: 'catégorie',
        finessEj: 'entité juridique',
      } as Record<string, string>,
      accept: (n: number) =>
        pluralize(n, {
          one: 'J’ai vérifié la ligne refusée : les appliquer sans elle.',
          other: 'J’ai vérifié les {n} lignes refusées : les appliquer sans elles.',
        }),
      nothing: 'Aucun changement à appliquer : le référentiel est déjà à jour.',
      previewDone: 'Simulation terminée : rien n’a encore été modifié.',
      applied: (created: number, updated: number) =>
        `Import FINESS appliqué : ${pluralize(created, { one: '{n} établissement créé', other: '{n} établissements créés' })}, ${formatCount(updated)} mis à jour.`,
    },
    allocations: {
      title: 'Allocations (CSV ou Excel)',
      intro:
        'Une ligne par allocation : FINESS, code de l’action, code de l’enveloppe, puis une colonne par exercice (2023 à 2027) en euros. Une allocation nouvelle est proposée ; une allocation déjà présente prend les montants du fichier (un avenant si elle est approuvée), pour les exercices qui ont une colonne. Mêmes règles que la saisie : aucune enveloppe ne peut être dépassée.',
      file: 'Tableur d’allocations (.csv ou .xlsx)',
      fileHint:
        'CSV séparé par « ; » ou « , », tel qu’Excel l’enregistre (Windows-1252 ou UTF-8) ; ou classeur Excel (.xlsx). Première ligne : les en-têtes.',
      template: 'Modèle à remplir :',
      templateCsv: 'Télécharger le modèle (CSV)',
      templateXlsx: 'Télécharger le modèle (Excel)',
      templateHint:
        'Les en-têtes que l’import lit ; le modèle Excel liste aussi les codes des enveloppes et des actions.',
      seeEnvelope: (code: string) => `Voir l’enveloppe ${code} dans l’espace de répartition`,
      preview: (r: ImportCounts) =>
        `Ce fichier ${list([
          r.created &&
            `proposerait ${pluralize(r.created, { one: '{n} nouvelle allocation', other: '{n} nouvelles allocations' })} (${r.createdEuros})`,
          r.updated &&
            `modifierait ${pluralize(r.updated, { one: '{n} allocation proposée', other: '{n} allocations proposées' })}`,
          r.revised &&
            `ouvrirait ${pluralize(r.revised, { one: '{n} avenant', other: '{n} avenants' })} sur des allocations approuvées`,
        ])}${r.updated || r.revised ? ` ; écart des modifications : ${r.change}` : ''}.`,
      blocked: (k: number) =>
        `${pluralize(k, { one: '{n} ligne en erreur', other: '{n} lignes en erreur' })} : corrigez le fichier puis simulez à nouveau. L’import est tout ou rien, aucune ligne ne sera enregistrée tant qu’il reste une erreur.`,
      empty: 'Rien à changer : chaque allocation du fichier a déjà ces montants.',
      applied: (r: ImportCounts) =>
        `Import appliqué : ${list([
          r.created &&
            `${pluralize(r.created, { one: '{n} nouvelle allocation proposée', other: '{n} nouvelles allocations proposées' })} (${r.createdEuros})`,
          r.updated &&
            pluralize(r.updated, {
              one: '{n} allocation proposée modifiée',
              other: '{n} allocations proposées modifiées',
            }),
          r.revised &&
            pluralize(r.revised, { one: '{n} avenant à faire approuver', other: '{n} avenants à faire approuver' }),
        ])}${r.updated || r.revised ? ` ; écart des modifications : ${r.change}` : ''}.`,
      toGrid: 'Voir l’espace de répartition',
      created: 'Nouvelles',
      updated: 'Modifiées',
      revised: 'Avenants',
      unchanged: 'Inchangées',
      total: 'Montant des nouvelles',
      change: 'Écart des modifications',
    },
    interrupted: 'Import interrompu',
  },
};
