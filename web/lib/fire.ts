// The one way elements talk upwards: typed, bubbling, composed custom events.
import type { Allocation, Completion, Payment, PlanYear, YearAmounts } from '../../server/contract/plan.js';
import type { Me } from '../../server/contract/auth.js';
import type { Scenario } from '../../server/contract/scenarios.js';

/** How saving an edited cell went: the message to announce, or the refusal to show beside it
 *  (`conflict`: someone else changed the row first, 412). */
export type EditOutcome =
  | { ok: true; message: string }
  | {
      ok: false;
      error: string;
      conflict?: boolean;
      /** A way to what the refusal names (a duplicate's existing allocation): the grid's filters to set. */
      link?: { text: string; href: string; filters: Record<string, string> };
    };

export interface JalonEvents {
  login: Me;
  /** The session ended (e.g. the password changed): the shell shows the login form with this notice. */
  logout: { notice: string };
  navigate: { path: string };
  /** A grid cell's new amount (`amounts`: the row's, with `cents` in `year`), for the owner of the
   *  data to save; it hands the outcome to `respond`, which the grid waits for. */
  'allocation-change': {
    allocation: Allocation;
    year: PlanYear;
    cents: number;
    amounts: YearAmounts;
    respond: (outcome: Promise<EditOutcome>) => void;
  };
  'allocations-changed': { count: number };
  /** A delegation grid cell's new amount (a region's share of the round shown, for `year`), for the
   *  page to save; the outcome goes to `respond`, which the grid waits for. */
  'delegation-change': {
    region: string;
    year: PlanYear;
    cents: number;
    respond: (outcome: Promise<EditOutcome>) => void;
  };
  /** A delegations table was imported: the page reads the delegations and the budget again. */
  'delegations-changed': { count: number };
  /** A payment was recorded, or cancelled by a counter-entry (`payment`: the new record). */
  'payments-changed': { payment: Payment };
  /** « Annuler ce versement » on a row: the page opens the dialog (`label`: who and how much). */
  'payment-cancel': { payment: Payment; label: string };
  /** A scenario was created, renamed or re-based (`scenario`), or deleted (null): the message to announce. */
  'scenario-saved': { scenario: Scenario | null; message: string };
  /** A scenario's lines were written (a rule applied, a line added): the message to announce. */
  'scenario-lines-changed': { message: string };
  /** « Retirer » on a grid row (a scenario's line: « Supprimer »): the page confirms, then withdraws the proposal. */
  'allocation-withdraw': { allocation: Allocation };
  /** « Tranches » on a grid row: the page opens the tranches dialog. */
  'allocation-tranches': { allocation: Allocation };
  /** The tranches dialog saved: the allocation as the API answered, the message to announce. */
  'allocation-saved': { allocation: Allocation; message: string };
  /** Ctrl+Z (undo), Ctrl+Maj+Z or Ctrl+Y (redo) in the grid. */
  'history-move': { direction: 'undo' | 'redo' };
  'completion-declared': { completion: Completion };
  /** An application or a declaration of objectives was written (or checked): the message to announce. */
  'applications-changed': { message: string };
  /** Establishments or regions changed (a FINESS import applied): the reference lists are read again. */
  'reference-changed': undefined;
  /** A catalogue form saved (an envelope, an action, an establishment): the message to announce. */
  'catalog-saved': { message: string };
  /** A form was closed without saving. */
  'form-close': undefined;
  /** The milestone form saved: the milestone's id and the message to announce. */
  'milestone-saved': { id: string; message: string };
  'filters-change': Record<string, string>;
  /** A preview's pager: the owner asks the server for the page from `offset`. */
  'preview-page': { offset: number };
  unauthorized: undefined;
}

export const fire = <K extends keyof JalonEvents>(from: EventTarget, type: K, detail: JalonEvents[K]): boolean =>
  from.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));

export type JalonEvent<K extends keyof JalonEvents> = CustomEvent<JalonEvents[K]>;
