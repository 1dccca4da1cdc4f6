// The variance report's columns, one definition for the dashboard's table and its export (CSV,
// XLSX): under a region or axis filter each column says whether it is national (the envelopes)
// or the filter's (what was allocated, approved and paid there).

/** What a filter restricts the allocations to, in words: « Île-de-France », « axe 2 », both, or ''. */
export const varianceScope = (regionName?: string, axis?: string | number): string =>
  [regionName, axis ? `axe ${axis}` : ''].filter(Boolean).join(', ');

export type VarianceKey =
  'label' | 'totalCents' | 'allocatedCents' | 'approvedCents' | 'paidCents' | 'gap' | 'rate' | 'remainingCents';
export type VarianceMode = 'envelope' | 'region';

/** « Consommation », defined where the table and the export show it. */
export const CONSUMPTION_DEFINITION =
  'Consommation : part de l’alloué déjà versée (versé ÷ alloué). Écart : alloué − versé. Les montants des enveloppes et le reste à allouer sont nationaux ; alloué, approuvé et versé suivent les filtres. Par région, seules les enveloppes engagées comptent : ce qui est prévu sur des crédits annoncés figure sous son enveloppe, jamais dans les régions.';

/** The columns of one view, in order, with their headers under that scope. */
export const varianceColumns = (mode: VarianceMode, scope: string): Array<{ key: VarianceKey; header: string }> => {
  const here = (label: string) => (scope ? `${label} (${scope})` : label);
  const national = (label: string, plain: string) => (scope ? `${label} (nationale)` : plain);
  return [
    { key: 'label', header: mode === 'envelope' ? 'Enveloppe' : 'Région' },
    ...(mode === 'envelope'
      ? [{ key: 'totalCents' as const, header: national('Enveloppe', 'Montant de l’enveloppe') }]
      : []),
    { key: 'allocatedCents', header: here('Alloué') },
    { key: 'approvedCents', header: here('Approuvé') },
    { key: 'paidCents', header: here('Versé') },
    { key: 'gap', header: here('Écart alloué − versé') },
    { key: 'rate', header: here('Consommation') },
    ...(mode === 'envelope'
      ? [{ key: 'remainingCents' as const, header: scope ? 'Reste à allouer (national)' : 'Reste à allouer' }]
      : []),
  ];
};

/** The totals under the envelopes: committed and announced ones apart, never added together
 *  (announced credits are not money yet). The regions count committed envelopes only (the
 *  dashboard's byRegion), so their total equals the committed envelopes' total. */
export const VARIANCE_TOTALS = {
  committed: 'Total des enveloppes engagées',
  announced: 'Total des enveloppes annoncées, non engagées',
  regions: 'Total des régions (enveloppes engagées)',
} as const;
