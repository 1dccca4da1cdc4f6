// The rules of declarations and of their two checks (domain/declarations.ts), on plans built in
// memory: Given a window and granted applications, When one declares or checks, Then...
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Declaration } from '../../server/contract/windows.js';
import type { WriteContext } from '../../server/domain/context.js';
import {
  assertDeclarable,
  checkDeclaration,
  createDeclaration,
  evidenceName,
  evidenceType,
  evidenceTypes,
  type CheckInput,
  type Checker,
} from '../../server/domain/declarations.js';
import { objectiveState } from '../../server/domain/objectives.js';
import type { PlanState } from '../../server/domain/plan.js';
import { refuses } from '../helpers/assert.js';
import { jpeg, pdf, png, windowRecords } from '../helpers/declarations.js';
import { planOf } from '../helpers/plan.js';

const ctx = (now = '2026-11-29T10:00:00.000Z', actor = 'etab.f1@jalon.test'): WriteContext => ({
  now,
  actor,
  role: 'establishment',
});
const EVIDENCE = [{ sha256: 'a'.repeat(64), name: 'preuve.pdf', type: 'application/pdf' as const, size: 10 }];
const input = (o: Partial<{ objective: string; achievedOn: string; comment: string }> = {}) => ({
  objective: 'D1-AD-1',
  achievedOn: '2026-11-02',
  ...o,
});

const declared = (id: string, o: Partial<Declaration> = {}): Declaration => ({
  id,
  rev: '1',
  createdAt: '2026-11-10T10:00:00.000Z',
  updatedAt: '2026-11-10T10:00:00.000Z',
  applicationId: 'app-f1',
  objective: 'D1-AD-1',
  achievedOn: '2026-11-02',
  evidence: EVIDENCE,
  ...o,
});
const conforme = (by: string, at = '2026-11-20T10:00:00.000Z') => ({ verdict: 'conforme' as const, at, by });

const NATIONAL_PLANNER: Checker = { role: 'planner', region: null };
const ARS_IDF: Checker = { role: 'planner', region: '11' };
const ARS_ARA: Checker = { role: 'planner', region: '84' };
const REVIEWER: Checker = { role: 'reviewer', region: null };
const ARS_REVIEWER: Checker = { role: 'reviewer', region: '11' };
const checkCtx = (actor: string, now = '2026-11-29T10:00:00.000Z'): WriteContext => ({ now, actor });

const plan = (declarations: Declaration[] = []): Promise<PlanState> => planOf(windowRecords({ declarations }));

test('Evidence type from the first bytes only: %PDF-, PNG, JPEG; anything else null', () => {
  assert.is(evidenceType(pdf()), 'application/pdf');
  assert.is(evidenceType(png()), 'image/png');
  assert.is(evidenceType(jpeg()), 'image/jpeg');
  assert.is(evidenceType(new TextEncoder().encode('%PDF')), null); // the dash is part of it
  assert.is(evidenceType(new TextEncoder().encode('<html>%PDF-')), null);
  assert.is(evidenceType(new Uint8Array([0x89, 0x50, 0x4e, 0x47])), null);
  assert.is(evidenceType(new Uint8Array()), null);
});

test('Evidence names: the last path segment, no control nor bidi characters, 200 characters at most', () => {
  assert.is(evidenceName('C:\\fakepath\\attestation.pdf'), 'attestation.pdf');
  assert.is(evidenceName('../../etc/passwd'), 'passwd');
  assert.is(evidenceName('rapport\u202Efdp.exe'), 'rapportfdp.exe');
  assert.is(evidenceName('a\nb.pdf'), 'ab.pdf');
  assert.is(evidenceName('   '), 'preuve');
  assert.is(evidenceName(`${'x'.repeat(300)}.pdf`).length, 200);
});

test('Evidence: 1 to 5 files, each ≤ 10 MB and a PDF, PNG or JPEG; every refusal names its file', () => {
  assert.equal(
    evidenceTypes([
      { name: 'a.pdf', bytes: pdf() },
      { name: 'b.png', bytes: png() },
      { name: 'c.jpg', bytes: jpeg() },
    ]),
    ['application/pdf', 'image/png', 'image/jpeg'],
  );
  refuses(() => evidenceTypes([]), 422, 'De 1 à 5 pièces justificatives');
  refuses(
    () => evidenceTypes(Array.from({ length: 6 }, (_, i) => ({ name: `${i}.pdf`, bytes: pdf() }))),
    422,
    '6 reçues',
  );
  const big = new Uint8Array(10 * 1024 * 1024 + 1);
  big.set(pdf());
  const exactly = big.subarray(0, 10 * 1024 * 1024);
  assert.equal(evidenceTypes([{ name: 'pile.pdf', bytes: exactly }]), ['application/pdf']);
  const e = refuses(
    () =>
      evidenceTypes([
        { name: 'ok.pdf', bytes: pdf() },
        { name: 'gros.pdf', bytes: big },
        { name: 'faux.pdf', bytes: new TextEncoder().encode('MZ exécutable') },
      ]),
    422,
  );
  assert.equal(e.errors, [
    { path: 'files.1', message: 'Le fichier « gros.pdf » dépasse 10 Mo.' },
    { path: 'files.2', message: 'Le fichier « faux.pdf » n’est ni un PDF, ni une image PNG ou JPEG.' },
  ]);
});

test('Declaring: a granted application, a committed objective of the window, within the declaration phase (Paris day)', async () => {
  const p = await plan();
  const app = p.applications.get('app-f1')!;
  // Given a granted application, When it declares a committed objective during the phase, Then a declaration pending the ARS
  const d = createDeclaration(
    p,
    'dcl-1',
    app,
    { ...input(), comment: 'Sauvegardes testées', evidence: EVIDENCE },
    ctx(),
  );
  assert.equal(
    { id: d.id, applicationId: d.applicationId, objective: d.objective, by: d.createdBy, comment: d.comment },
    {
      id: 'dcl-1',
      applicationId: 'app-f1',
      objective: 'D1-AD-1',
      by: 'etab.f1@jalon.test',
      comment: 'Sauvegardes testées',
    },
  );
  assert.is(d.arsCheck, undefined);
  // a draft cannot declare
  refuses(() => assertDeclarable(p, p.applications.get('app-f1-draft')!, input(), ctx()), 422, 'candidature retenue');
  // an objective the application did not commit to, one the window does not have
  assert.equal(refuses(() => assertDeclarable(p, app, input({ objective: 'D1-AD-3' }), ctx()), 422).errors, [
    { path: 'objective', message: 'Objectif D1-AD-3 : la candidature ne s’y est pas engagée.' },
  ]);
  refuses(
    () => assertDeclarable(p, app, input({ objective: 'D9' }), ctx()),
    422,
    'Objectif « D9 » inconnu du guichet D1',
  );
  // a date of achievement in the future
  assert.equal(
    refuses(() => assertDeclarable(p, app, input({ achievedOn: '2026-11-30' }), ctx()), 422).errors[0]!.path,
    'achievedOn',
  );
  // no evidence in the record itself
  refuses(() => createDeclaration(p, 'dcl-2', app, { ...input(), evidence: [] }, ctx()), 422, 'De 1 à 5');
});

test('Declaring: the phase is read on the Paris calendar day, both ends included, and the refusal names the dates', async () => {
  const p = await plan();
  const app = p.applications.get('app-f1')!;
  // 2026-05-31T22:30Z is already June 1st in Paris (summer time, UTC+2): open
  assertDeclarable(p, app, input({ achievedOn: '2026-05-30' }), ctx('2026-05-31T22:30:00.000Z'));
  // 2026-05-31T21:30Z is still May 31st there: not yet
  refuses(
    () => assertDeclarable(p, app, input({ achievedOn: '2026-05-30' }), ctx('2026-05-31T21:30:00.000Z')),
    422,
    'Déclarations du 01/06/2026 au 31/12/2026',
  );
  // the last day (winter time, UTC+1): until 22:59Z
  assertDeclarable(p, app, input(), ctx('2026-12-31T22:59:00.000Z'));
  refuses(
    () => assertDeclarable(p, app, input(), ctx('2026-12-31T23:00:00.000Z')),
    422,
    'Déclarations du 01/06/2026 au 31/12/2026',
  );
});

test('Declaring again: refused while the objective awaits the ARS or the ANS or is achieved; allowed after a non conforme', async () => {
  const cases: Array<[Partial<Declaration>, string | null]> = [
    [{}, 'contrôle ARS en attente'],
    [{ arsCheck: conforme('ars.planif.idf@jalon.test') }, 'contrôle ANS en attente'],
    [{ arsCheck: conforme('ars.planif.idf@jalon.test'), ansCheck: conforme('finances@jalon.test') }, 'déjà atteint'],
    [{ arsCheck: { verdict: 'non_conforme', reason: 'Preuve illisible', at: '2026-11-20T10:00:00.000Z' } }, null],
    [
      {
        arsCheck: conforme('ars.planif.idf@jalon.test'),
        ansCheck: { verdict: 'non_conforme', reason: 'Hors périmètre', at: '2026-11-25T10:00:00.000Z' },
      },
      null,
    ],
  ];
  for (const [o, refusal] of cases) {
    const p = await plan([declared('dcl-1', o)]);
    const app = p.applications.get('app-f1')!;
    if (refusal) refuses(() => assertDeclarable(p, app, input(), ctx()), 422, refusal);
    else assertDeclarable(p, app, input(), ctx());
    // the other committed objective is free either way
    assertDeclarable(p, app, input({ objective: 'D1-AD-2' }), ctx());
  }
});

test('ARS check: the region’s planner or a national planner, once, until arsChecksEnd; a reason when non conforme', async () => {
  const p = await plan([declared('dcl-1')]);
  const d = p.declarations.get('dcl-1')!;
  const ok: CheckInput = { level: 'ars', verdict: 'conforme' };
  // Given the IdF ARS planner, When it says conforme, Then the check is recorded with who and when
  const checked = checkDeclaration(p, d, ok, checkCtx('ars.planif.idf@jalon.test'), ARS_IDF);
  assert.equal(checked.arsCheck, {
    verdict: 'conforme',
    at: '2026-11-29T10:00:00.000Z',
    by: 'ars.planif.idf@jalon.test',
  });
  assert.is(checked.updatedBy, 'ars.planif.idf@jalon.test');
  // a national planner may too
  assert.is(checkDeclaration(p, d, ok, checkCtx('planif@jalon.test'), NATIONAL_PLANNER).arsCheck?.verdict, 'conforme');
  // another region's planner, a reviewer: 403
  refuses(() => checkDeclaration(p, d, ok, checkCtx('ars.planif.ara@jalon.test'), ARS_ARA), 403);
  refuses(() => checkDeclaration(p, d, ok, checkCtx('finances@jalon.test'), REVIEWER), 403);
  refuses(() => checkDeclaration(p, d, ok, checkCtx('ars.finances.idf@jalon.test'), ARS_REVIEWER), 403);
  // non conforme needs its reason
  assert.equal(
    refuses(
      () =>
        checkDeclaration(
          p,
          d,
          { level: 'ars', verdict: 'non_conforme' },
          checkCtx('planif@jalon.test'),
          NATIONAL_PLANNER,
        ),
      422,
    ).errors,
    [{ path: 'reason', message: 'Motif obligatoire.' }],
  );
  const refused = checkDeclaration(
    p,
    d,
    { level: 'ars', verdict: 'non_conforme', reason: 'Capture illisible' },
    checkCtx('planif@jalon.test'),
    NATIONAL_PLANNER,
  );
  assert.is(refused.arsCheck?.reason, 'Capture illisible');
  // given once: never changed
  refuses(
    () => checkDeclaration(p, checked, ok, checkCtx('planif@jalon.test'), NATIONAL_PLANNER),
    422,
    'Contrôle ARS déjà rendu le 29/11/2026',
  );
  // until arsChecksEnd (2027-01-31, Paris day)
  checkDeclaration(p, d, ok, checkCtx('planif@jalon.test', '2027-01-31T22:59:00.000Z'), NATIONAL_PLANNER);
  refuses(
    () => checkDeclaration(p, d, ok, checkCtx('planif@jalon.test', '2027-01-31T23:00:00.000Z'), NATIONAL_PLANNER),
    422,
    'Contrôles ARS jusqu’au 31/01/2027',
  );
});

test('ANS check: a national reviewer only, after the ARS said conforme, once, until ansChecksEnd; then the objective is achieved', async () => {
  const p = await plan([
    declared('dcl-pending'),
    declared('dcl-ars-ok', { objective: 'D1-AD-2', arsCheck: conforme('ars.planif.idf@jalon.test') }),
    declared('dcl-ars-ko', {
      applicationId: 'app-f2',
      arsCheck: { verdict: 'non_conforme', reason: 'Non', at: '2026-11-20T10:00:00.000Z' },
    }),
  ]);
  const ok: CheckInput = { level: 'ans', verdict: 'conforme' };
  const reviewer = checkCtx('finances@jalon.test');
  // not before the ARS, nor after an ARS non conforme
  refuses(
    () => checkDeclaration(p, p.declarations.get('dcl-pending')!, ok, reviewer, REVIEWER),
    422,
    'Contrôle ARS d’abord',
  );
  refuses(
    () => checkDeclaration(p, p.declarations.get('dcl-ars-ko')!, ok, reviewer, REVIEWER),
    422,
    'Contrôle ARS d’abord',
  );
  const d = p.declarations.get('dcl-ars-ok')!;
  // an ARS reviewer, a planner: 403
  refuses(() => checkDeclaration(p, d, ok, checkCtx('ars.finances.idf@jalon.test'), ARS_REVIEWER), 403);
  refuses(() => checkDeclaration(p, d, ok, checkCtx('planif@jalon.test'), NATIONAL_PLANNER), 403);
  // When a national reviewer says conforme, Then the objective is achieved
  const done = checkDeclaration(p, d, ok, reviewer, REVIEWER);
  assert.equal(done.ansCheck, { verdict: 'conforme', at: '2026-11-29T10:00:00.000Z', by: 'finances@jalon.test' });
  const after = await plan([declared('dcl-ars-ok', { ...done })]);
  assert.is(objectiveState(after, 'app-f1', 'D1-AD-2'), 'achieved');
  refuses(() => checkDeclaration(after, done, ok, reviewer, REVIEWER), 422, 'Contrôle ANS déjà rendu');
  // the ARS level on it is done too
  refuses(
    () =>
      checkDeclaration(
        after,
        done,
        { level: 'ars', verdict: 'conforme' },
        checkCtx('planif@jalon.test'),
        NATIONAL_PLANNER,
      ),
    422,
    'Contrôle ARS déjà rendu',
  );
  // until ansChecksEnd (2027-02-28)
  checkDeclaration(p, d, ok, checkCtx('finances@jalon.test', '2027-02-28T22:59:00.000Z'), REVIEWER);
  refuses(
    () => checkDeclaration(p, d, ok, checkCtx('finances@jalon.test', '2027-02-28T23:00:00.000Z'), REVIEWER),
    422,
    'Contrôles ANS jusqu’au 28/02/2027',
  );
});

test.run();
