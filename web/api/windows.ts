// Funding windows (« guichets »): the list, one window, create and edit (If-Match), a phase
// extended with its reason, an applicant's eligibility and cap, and a window's funnel (staff).
import type { Funnel } from '../../server/contract/funnel.js';
import type { Category } from '../../server/contract/plan.js';
import type { ApplicationState, FundingWindow, WindowCap, WindowPhase } from '../../server/contract/windows.js';
import { get, getAll, ifMatch, send } from './client.js';

export type { Funnel };

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

/** Whether an applicant may apply, and its cap (the first caps row that matches its kind,
 *  category and staff), as GET /api/windows/:id/eligibility answers (server/http/windows.ts). */
export interface Eligibility {
  windowId: string;
  applicant: {
    kind: WindowCap['applicant'];
    finess: string;
    ghtCode?: string;
    name: string;
    region: string;
    category: Category;
    priority: boolean;
    /** ETP, summed over a legal entity's sites or a GHT's members. */
    staff: number;
    counted: string[];
  };
  eligible: boolean;
  /** Why not, in French (empty when eligible). */
  reasons: string[];
  cap: WindowCap | null;
  capCents: number | null;
  /** The applicant's latest application to the window, if any. */
  application: { id: string; state: ApplicationState } | null;
}
export const eligibilityOf = (windowId: string, finess: string) =>
  get<Eligibility>(`${at(windowId)}/eligibility`, { finess });

export const funnelOf = (windowId: string) => get<Funnel>(`${at(windowId)}/funnel`);

/** How many applications to a window the user may read (an establishment: its own; an ARS
 *  account: its region's), from the list's total. */
export const applicationTotal = async (windowId: string) =>
  (await get<{ total: number }>('/api/applications', { windowId, limit: 1 })).total;
