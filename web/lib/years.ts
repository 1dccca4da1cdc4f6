// The plan's years, as the web knows them (the server's constant is imported as a type only).
import type { PlanYear } from '../../server/contract/plan.js';

export const YEARS = ['2023', '2024', '2025', '2026', '2027'] as const satisfies readonly PlanYear[];
export const FIRST_DAY = '2023-01-01';
export const LAST_DAY = '2027-12-31';
