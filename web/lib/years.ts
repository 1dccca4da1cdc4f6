// The plan's years, under the names the web uses: one list, in shared/years.ts.
export { PLAN_FIRST_DAY as FIRST_DAY, PLAN_LAST_DAY as LAST_DAY, PLAN_YEARS as YEARS } from '../../shared/years.js';
