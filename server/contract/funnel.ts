// A window's funnel (« entonnoir »): how many of those who could apply went each step further,
// in counts and euros. Types only: shared by server and web. Money is integer cents; shares are
// basis points (1 % = 100 bp) of the window's envelope, rounded down.

/** The steps, in order: eligible → applied → granted → declared → ARS checked → ANS checked → paid. */
export type FunnelStage = 'eligible' | 'applied' | 'granted' | 'declared' | 'arsChecked' | 'ansChecked' | 'paid';

/** One step of a row. `count`: applicants (eligible) or applications (the other steps), a GHT's
 *  « un dossier par GHT » counting once; `establishments`: the establishments they cover, each
 *  once (a GHT's members, a legal entity's sites). `cents`: eligible, the sum of their caps;
 *  applied, requested; granted, granted; declared and checked, the amounts of the tranches whose
 *  objective got that far; paid, net paid on the window's allocations. */
export interface FunnelCounts {
  count: number;
  establishments: number;
  cents: number;
}

export interface FunnelRow {
  /** A region's INSEE code, an applicant category ('ght' for a GHT's application, else the
   *  establishment's category: « public hors GHT »...), or '' for the total. */
  key: string;
  label: string;
  stages: Record<FunnelStage, FunnelCounts>;
}

/** The envelope against what the eligible could get (their caps) and what was granted. */
export interface FunnelShares {
  envelopeCents: number;
  cappedCents: number;
  grantedCents: number;
  /** floor(capped × 10,000 / envelope): 9,880 is 98.8 %. */
  cappedBp: number;
  grantedBp: number;
}

export interface Funnel {
  windowId: string;
  code: string;
  /** The ARS region the funnel is restricted to (an ARS account's), else null (national). */
  region: string | null;
  /** The steps in order, with their French labels. */
  stages: Array<{ stage: FunnelStage; label: string }>;
  total: FunnelRow;
  /** Every region with an eligible applicant or an application, by name. */
  byRegion: FunnelRow[];
  /** GHT, public outside a GHT, private non-profit, private for-profit (the published D1 split). */
  byCategory: FunnelRow[];
  shares: FunnelShares;
}
