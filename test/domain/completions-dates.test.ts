// A checked declaration's refusal names the day it was checked as France saw it: a check made at
// 00:30 in Paris (23:30 UTC the evening before) is dated that morning, not the previous day.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Completion } from '../../server/contract/plan.js';
import { DomainError } from '../../server/domain/errors.js';
import { refuseCompletion, validateCompletion } from '../../server/domain/completions.js';

const declaration: Completion = {
  id: 'cp-1',
  rev: '1',
  createdAt: '2026-11-20T09:00:00Z',
  updatedAt: '2026-11-20T09:00:00Z',
  createdBy: 'etab.versailles@jalon.test',
  finess: '780000022',
  actionId: 'act-1',
  completedOn: '2026-11-19',
};
const detail = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    assert.instance(e, DomainError);
    return (e as DomainError).detail ?? (e as Error).message;
  }
  throw new Error('not refused');
};

test('checked just after midnight in Paris: the refusal of a second check is dated that Paris day', () => {
  const ctx = { now: '2026-11-29T23:30:00Z', actor: 'planif@jalon.test' };
  const validated = validateCompletion(declaration, ctx);
  const again = detail(() => refuseCompletion(validated, 'Preuve illisible', { ...ctx, actor: 'planif2@jalon.test' }));
  assert.match(again, /déjà été validée le 30\/11\/2026 par planif@jalon\.test/);
  const refused = refuseCompletion(declaration, 'Preuve illisible', {
    now: '2026-07-14T22:10:00Z',
    actor: 'planif@jalon.test',
  });
  assert.match(
    detail(() => validateCompletion(refused, { now: '2026-07-15T08:00:00Z', actor: 'planif2@jalon.test' })),
    /déjà été refusée le 15\/07\/2026 par planif@jalon\.test/,
  );
});

test.run();
