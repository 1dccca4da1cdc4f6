// The plan's statuses and categories, and their French labels: one word for one thing, on screen
// and in exports alike.

export type Category = 'public' | 'private_nonprofit' | 'private_forprofit';
export type AllocationStatus = 'proposed' | 'approved' | 'rejected';
export type MilestoneStatus = 'achieved' | 'on_track' | 'at_risk' | 'missed';

/** Sectors as FINESS and the ministry name them: public, privé non lucratif (EBNL/ESPIC), privé lucratif. */
export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  public: 'Public',
  private_nonprofit: 'Privé non lucratif',
  private_forprofit: 'Privé lucratif',
};
export const ALLOCATION_STATUS_LABELS: Readonly<Record<AllocationStatus, string>> = {
  proposed: 'Proposée',
  approved: 'Approuvée',
  rejected: 'Rejetée',
};
export const MILESTONE_STATUS_LABELS: Readonly<Record<MilestoneStatus, string>> = {
  achieved: 'Atteint',
  on_track: 'En bonne voie',
  at_risk: 'À risque',
  missed: 'Manqué',
};
