// Dashboard amounts of one envelope × region × axis × GHT group: the shape the store keeps and the rules read
// (types only, so that the plan's index can name them without importing any rule).

export interface Bucket {
  envelopeId: string;
  region: string;
  axis: string;
  /** The beneficiaries' GHT code, '' outside any GHT, '*pooled' for pooled regional resources
   *  (domain/beneficiary.ts groupOf). */
  group: string;
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
