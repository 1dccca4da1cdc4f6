// A funding window's seven dates and the order they keep: one list, read by the server's rules
// and request schemas (domain/windows.ts, http/window-schemas.ts), the window's page and form
// (web/lib/windows.ts) and the demo's checker (scripts/check-demo-windows.ts).

/** The seven dates in the order the design keeps them (and the form asks for them). */
export const WINDOW_PHASES = [
  'applicationsOpen',
  'applicationsClose',
  'instructionEnd',
  'declarationsOpen',
  'declarationsClose',
  'arsChecksEnd',
  'ansChecksEnd',
] as const;
export type WindowPhase = (typeof WINDOW_PHASES)[number];

/** Each pair (earlier, later) the phases keep: applications, then their instruction; declarations
 *  from the applications' opening (rolling windows), then the ARS checks, then the ANS's. */
export const PHASE_ORDER: ReadonlyArray<readonly [WindowPhase, WindowPhase]> = [
  ['applicationsOpen', 'applicationsClose'],
  ['applicationsClose', 'instructionEnd'],
  ['applicationsOpen', 'declarationsOpen'],
  ['declarationsOpen', 'declarationsClose'],
  ['declarationsClose', 'arsChecksEnd'],
  ['arsChecksEnd', 'ansChecksEnd'],
];
