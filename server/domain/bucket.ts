// Dashboard amounts of one envelope × region × axis, and the lighter GHT totals beside them: the
// shapes the store keeps and the rules read (types only, so that the plan's index can name them
// without importing any rule).

export interface Bucket {
  envelopeId: string;
  region: string;
  axis: string;
  allocatedByYear: number[];
  approvedByYear: number[];
  /** Approved per month of the plan, at the date each approval (or avenant) was given; an approval
   *  dated before the plan counts in its first month, one after it is left off the chart. */
  approvedByMonth: number[];
  /** Paid per month of the plan; payments dated outside it count in paidOutside. */
  paidByMonth: number[];
  paidOutside: number;
}

export type Buckets = Map<string, Bucket>;

export interface GroupTotals {
  allocatedCents: number;
  approvedCents: number;
  /** Payments outside the plan's months included. */
  paidCents: number;
}

/** What the beneficiaries of one envelope × region × axis × GHT group hold, have approved and were
 *  paid over the whole plan: the GHT breakdown and a region's pooled part read these. */
export interface GroupBucket extends GroupTotals {
  envelopeId: string;
  region: string;
  axis: string;
  /** The beneficiaries' GHT code, '' outside any GHT, '*pooled' for pooled regional resources
   *  (domain/beneficiary.ts groupOf). */
  group: string;
}

/** The GHT totals: one cell per GHT, ten times as many as the buckets, so three sums each rather
 *  than the buckets' years and months, and rolled up the ways the dashboard reads them so that a
 *  request walks about one entry per GHT, not every cell. Cells are never removed (a rebuild
 *  starts afresh), so the lists below hold the same objects as `cells`. */
export interface GroupBuckets {
  /** Key `envelopeId|region|axis|group`. */
  cells: Map<string, GroupBucket>;
  /** The cells of each region, of each axis, and those of pooled resources: what filters read. */
  cellsByRegion: Map<string, GroupBucket[]>;
  cellsByAxis: Map<string, GroupBucket[]>;
  pooledCells: GroupBucket[];
  /** Per envelope, per group, every region and axis: what an envelope filter reads. */
  byEnvelope: Map<string, Map<string, GroupTotals>>;
  /** Per group over the committed envelopes, every region and axis: the national dashboard's.
   *  An envelope's status is read when its allocations are added: a change of envelope rebuilds. */
  committed: Map<string, GroupTotals>;
  /** The same per axis: what an axis filter reads. */
  committedByAxis: Map<string, Map<string, GroupTotals>>;
  /** Per cell key, the cell and the roll-ups its amounts go to (found once, when it is created). */
  targets: Map<string, GroupTotals[]>;
}

/** Both, as the store keeps them and a full recomputation builds them (in one pass). */
export interface BucketSet {
  main: Buckets;
  groups: GroupBuckets;
}
