// The one way elements talk upwards: typed, bubbling, composed custom events.
import type { Allocation, Completion } from '../../server/contract/plan.js';
import type { Me } from '../../server/contract/auth.js';

export interface JalonEvents {
  'login': Me;
  /** The session ended (e.g. the password changed): the shell shows the login form with this notice. */
  'logout': { notice: string };
  'navigate': { path: string };
  'allocation-saved': { allocation: Allocation };
  'allocations-changed': { count: number };
  'completion-declared': { completion: Completion };
  'filters-change': Record<string, string>;
  'unauthorized': undefined;
}

export const fire = <K extends keyof JalonEvents>(from: EventTarget, type: K, detail: JalonEvents[K]): boolean =>
  from.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));

export type JalonEvent<K extends keyof JalonEvents> = CustomEvent<JalonEvents[K]>;
