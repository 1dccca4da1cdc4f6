// Funding windows (« guichets »): the list, one window, create, edit and delete (If-Match), a
// phase extended with its reason, unmet tranches freed, an applicant's eligibility and cap, and a
// window's funnel (staff).
import type { Funnel } from '../../server/contract/funnel.js';
import type { ApplicantEligibility, FreedTranches, FundingWindow, WindowPhase } from '../../server/contract/windows.js';
import { get, getAll, ifMatch, send } from './client.js';

export type { ApplicantEligibility, Funnel };

const at = (id: string) => `/api/windows/${encodeURIComponent(id)}`;
type Versioned = Pick<FundingWindow, 'id' | 'rev'>;

/** Every window the user may read (every one: windows are public to the signed-in). */
export const windows = async () => (await getAll<FundingWindow>('/api/windows')).items;
export const windowById = (id: string) => get<FundingWindow>(at(id));

/** What a planner writes; `code` only at creation (it never changes). */
export type WindowBody = Pick<
  FundingWindow,
  'code' | 'name' | 'envelopeId' | 'actionId' | 'year' | 'reference' | 'phases' | 'objectives' | 'eligibility' | 'caps'
> &
  Pick<FundingWindow, 'published'>;

/** Only while nobody has applied to it (the API's refusal says so). */
export const deleteWindow = async (w: Versioned) => {
  await send<null>('DELETE', at(w.id), undefined, ifMatch(w.rev));
};

export const createWindow = async (body: WindowBody) => (await send<FundingWindow>('POST', '/api/windows', body)).data;
export const updateWindow = async (w: Versioned, patch: Partial<Omit<WindowBody, 'code'>>) =>
  (await send<FundingWindow>('PATCH', at(w.id), patch, ifMatch(w.rev))).data;

export interface ExtendBody {
  phase: WindowPhase;
  /** The new date (AAAA-MM-JJ), later than the phase's current one. */
  to: string;
  reason: string;
}
/** The window with the extension appended to `extensions`. */
export const extendPhase = async (w: Versioned, body: ExtendBody) =>
  (await send<FundingWindow>('POST', `${at(w.id)}/extend`, body, ifMatch(w.rev))).data;

/** Whether an applicant may apply and its cap; `ghtCode`: for the GHT its support establishment
 *  applies for. */
export const eligibilityOf = (windowId: string, finess: string, ghtCode?: string) =>
  get<ApplicantEligibility>(`${at(windowId)}/eligibility`, { finess, ghtCode });

/** The window's unmet tranches back to its envelope, once its declarations are closed: how many
 *  and how much were freed, and the allocations left for an avenant awaiting a decision. */
export const freeUnmet = async (w: Pick<FundingWindow, 'id'>) =>
  (await send<FreedTranches>('POST', `${at(w.id)}/free-unmet`)).data;

export const funnelOf = (windowId: string) => get<Funnel>(`${at(windowId)}/funnel`);

/** How many applications to a window the user may read (an establishment: its own; an ARS
 *  account: its region's), from the list's total. */
export const applicationTotal = async (windowId: string) =>
  (await get<{ total: number }>('/api/applications', { windowId, limit: 1 })).total;
