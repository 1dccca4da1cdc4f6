// Dashboard amounts of one envelope × region × axis: the shape the store keeps and the rules read
// (types only, so that the plan's index can name them without importing any rule).

export interface Bucket {
  envelopeId: string;
  region: string;
  axis: string;
  allocatedByYear: number[];
  approvedByYear: number[];
  /** Paid per month of the plan; payments dated outside it count in paidOutside. */
  paidByMonth: number[];
  paidOutside: number;
}

export type Buckets = Map<string, Bucket>;
