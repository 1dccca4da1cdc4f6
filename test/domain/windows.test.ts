// Funding windows: what a window must say (references, year, phases in order, objectives' shares,
// caps bands), what stays once applied to, and a phase's extension.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FundingWindow } from '../../server/contract/windows.js';
import { createWindow, extendWindow, updateWindow, type WindowInput } from '../../server/domain/windows.js';
import { refuses } from '../helpers/assert.js';
import { action, ctx, envelope, planOf } from '../helpers/plan.js';
import { application, D1_PHASES, fundingWindow } from '../helpers/windows.js';

const PLANNER = ctx('planif@jalon.test', '2024-03-01T09:00:00.000Z');

const input = (o: Partial<WindowInput> = {}): WindowInput => {
  const { id: _i, rev: _r, createdAt: _c, updatedAt: _u, ...w } = fundingWindow();
  return { ...w, code: 'D2', ...o };
};
const pathsOf = (fn: () => unknown) => refuses(fn, 422).errors.map((e) => e.path);

test('Given an envelope and an action, a national planner creates a window: stamped, as given', async () => {
  const plan = await planOf({ envelopes: [envelope({ totalCents: 65_000_000_00 })] });
  const w = createWindow(plan, 'win-d2', input(), PLANNER);
  assert.equal([w.id, w.code, w.createdAt, w.createdBy], ['win-d2', 'D2', PLANNER.now, 'planif@jalon.test']);
  assert.equal(w.phases, D1_PHASES);
  assert.equal(
    w.objectives.map((o) => o.shareBp),
    [5000, 3000, 2000],
  );
});

test('A code already used is a 409; an unknown envelope or action, a year outside the envelope split: 422 on the field', async () => {
  const plan = await planOf({
    envelopes: [envelope({ yearlyCents: { '2025': 100_000 } })],
    windows: [fundingWindow()],
  });
  refuses(() => createWindow(plan, 'win-x', input({ code: 'D1' }), PLANNER), 409, 'D1');
  assert.equal(
    pathsOf(() => createWindow(plan, 'win-x', input({ envelopeId: 'env-x' }), PLANNER)),
    ['envelopeId'],
  );
  assert.equal(
    pathsOf(() => createWindow(plan, 'win-x', input({ actionId: 'act-x', year: '2025' }), PLANNER)),
    ['actionId'],
  );
  const err = refuses(
    () => createWindow(plan, 'win-x', input({ year: '2024' }), PLANNER),
    422,
    'pas de budget sur 2024',
  );
  assert.equal(
    err.errors.map((e) => e.path),
    ['year'],
  );
  createWindow(plan, 'win-x', input({ year: '2025' }), PLANNER);
});

test('Phases out of order: each broken pair named on the later phase, with its dates in French', async () => {
  const plan = await planOf();
  const at = (phases: Partial<FundingWindow['phases']>) =>
    refuses(() => createWindow(plan, 'win-x', input({ phases: { ...D1_PHASES, ...phases } }), PLANNER), 422);
  const close = at({ applicationsClose: '2024-03-17' });
  assert.equal(
    close.errors.map((e) => e.path),
    ['phases.applicationsClose'],
  );
  assert.ok(
    close.detail!.includes(
      'La clôture des candidatures (17/03/2024) ne peut précéder l’ouverture des candidatures (18/03/2024)',
    ),
    close.detail,
  );
  assert.equal(
    at({ instructionEnd: '2024-04-18' }).errors.map((e) => e.path),
    ['phases.instructionEnd'],
  );
  assert.equal(
    at({ declarationsOpen: '2024-03-17' }).errors.map((e) => e.path),
    ['phases.declarationsOpen'],
  );
  assert.equal(
    at({ declarationsClose: '2024-03-01' }).errors.map((e) => e.path),
    ['phases.declarationsClose'],
  );
  assert.equal(
    at({ arsChecksEnd: '2025-06-29' }).errors.map((e) => e.path),
    ['phases.arsChecksEnd'],
  );
  assert.equal(
    at({ ansChecksEnd: '2025-09-29' }).errors.map((e) => e.path),
    ['phases.ansChecksEnd'],
  );
  // all on one day is in order (each date is included)
  const day = '2024-03-18';
  createWindow(
    plan,
    'win-x',
    input({
      phases: {
        applicationsOpen: day,
        applicationsClose: day,
        instructionEnd: day,
        declarationsOpen: day,
        declarationsClose: day,
        arsChecksEnd: day,
        ansChecksEnd: day,
      },
    }),
    PLANNER,
  );
});

test('Objectives: codes unique, shares adding up to exactly 10 000 bp (9 999 is refused, saying 99,99 %)', async () => {
  const plan = await planOf();
  const objectives = input().objectives;
  const short = refuses(
    () =>
      createWindow(
        plan,
        'win-x',
        input({ objectives: [...objectives.slice(0, 2), { ...objectives[2]!, shareBp: 1999 }] }),
        PLANNER,
      ),
    422,
    'font 99,99 %',
  );
  assert.equal(
    short.errors.map((e) => e.path),
    ['objectives'],
  );
  assert.equal(
    pathsOf(() =>
      createWindow(
        plan,
        'win-x',
        input({ objectives: [objectives[0]!, { ...objectives[1]!, code: 'D1-AD-1', shareBp: 5000 }] }),
        PLANNER,
      ),
    ),
    ['objectives.1.code'],
  );
  const one = createWindow(
    plan,
    'win-x',
    input({ objectives: [{ code: 'X', title: 'Tout', shareBp: 10_000 }] }),
    PLANNER,
  );
  assert.is(one.objectives.length, 1);
});

test('Caps: a band whose maximum does not exceed its minimum is refused; an unknown region of eligibility too', async () => {
  const plan = await planOf();
  assert.equal(
    pathsOf(() =>
      createWindow(
        plan,
        'win-x',
        input({ caps: [{ applicant: 'establishment', minStaff: 500, maxStaff: 500, capCents: 1 }] }),
        PLANNER,
      ),
    ),
    ['caps.0.maxStaff'],
  );
  assert.equal(
    pathsOf(() => createWindow(plan, 'win-x', input({ eligibility: { regions: ['11', '99'] } }), PLANNER)),
    ['eligibility.regions'],
  );
});

test('A retired action takes no window (its grants could not be allocated)', async () => {
  const plan = await planOf({
    actions: [action('act-ad', { retiredAt: '2024-01-01T00:00:00.000Z' }), action('act-exe')],
  });
  refuses(() => createWindow(plan, 'win-x', input(), PLANNER), 422);
  createWindow(plan, 'win-x', input({ actionId: 'act-exe' }), PLANNER);
});

test('Edits: the code never changes; once applied to, envelope, action, year, phases, objectives and caps stay, name and eligibility may change', async () => {
  const w = fundingWindow();
  const fresh = await planOf({ windows: [w] });
  assert.equal(
    pathsOf(() => updateWindow(fresh, w, { code: 'D9' }, PLANNER)),
    ['code'],
  );
  const moved = updateWindow(fresh, w, { phases: { ...D1_PHASES, applicationsClose: '2024-04-26' } }, PLANNER);
  assert.is(moved.phases.applicationsClose, '2024-04-26');
  const applied = await planOf({ windows: [w], applications: [application('app-1', { state: 'withdrawn' })] });
  assert.equal(
    pathsOf(() =>
      updateWindow(
        applied,
        w,
        { phases: { ...D1_PHASES, applicationsClose: '2024-04-26' }, caps: [], objectives: w.objectives },
        PLANNER,
      ),
    ),
    ['phases', 'caps'],
  );
  // the same values sent back (in another key order) are no change
  const reordered = w.objectives.map((o) => ({ shareBp: o.shareBp, title: o.title, code: o.code }));
  const renamed = updateWindow(applied, w, { name: 'D1 (arrêté modifié)', objectives: reordered }, PLANNER);
  assert.equal([renamed.name, renamed.updatedAt], ['D1 (arrêté modifié)', PLANNER.now]);
  assert.is(updateWindow(applied, w, { eligibility: { priorityOnly: true } }, PLANNER).eligibility.priorityOnly, true);
});

test('Extending a phase: later only, the order kept, appended to extensions with from, to, reason, when and who', async () => {
  const w = fundingWindow();
  const plan = await planOf({ windows: [w] });
  const later = ctx('planif@jalon.test', '2024-04-15T09:00:00.000Z');
  refuses(
    () => extendWindow(plan, w, { phase: 'applicationsClose', to: '2024-04-19', reason: 'x' }, later),
    422,
    'la clôture des candidatures est au 19/04/2024',
  );
  const past = refuses(
    () => extendWindow(plan, w, { phase: 'applicationsClose', to: '2024-05-22', reason: 'x' }, later),
    422,
    'ne peut précéder la clôture des candidatures (22/05/2024)',
  );
  assert.equal(
    past.errors.map((e) => e.path),
    ['to'],
  );
  const once = extendWindow(
    plan,
    w,
    { phase: 'applicationsClose', to: '2024-04-26', reason: 'Panne du portail' },
    later,
  );
  const twice = extendWindow(plan, once, { phase: 'instructionEnd', to: '2024-06-04', reason: 'Volume' }, later);
  assert.equal([twice.phases.applicationsClose, twice.phases.instructionEnd], ['2024-04-26', '2024-06-04']);
  assert.equal(twice.extensions, [
    {
      phase: 'applicationsClose',
      from: '2024-04-19',
      to: '2024-04-26',
      reason: 'Panne du portail',
      at: later.now,
      by: 'planif@jalon.test',
    },
    {
      phase: 'instructionEnd',
      from: '2024-05-21',
      to: '2024-06-04',
      reason: 'Volume',
      at: later.now,
      by: 'planif@jalon.test',
    },
  ]);
  assert.is(w.extensions, undefined, 'the window given is not changed');
});

test.run();
