// npm run gen -- --establishments 3000 --out <dir> [--seed 42]
// A national-scale plan, deterministic from its seed, written as a Jalon data file
// (<dir>/jalon.json): establishments across the 18 regions and three sectors, 12 actions,
// 4 envelopes, one allocation per establishment and action with five yearly amounts, each committed
// envelope delegated to the 18 regions in two rounds, payments, completions, 1,000 users and one
// audit event per record. Beyond 3,000 establishments (up to the
// medico-social sector's 30,000) envelopes, users, payments and completions grow in proportion.
// Every rule of the model holds (checked at the end with the domain's own functions).
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AuditEvent } from '../server/contract/audit.js';
import type { User } from '../server/contract/auth.js';
import { heldAmounts } from '../shared/amounts.js';
import { PLAN_YEARS } from '../shared/years.js';
import type {
  Action,
  Allocation,
  Category,
  Completion,
  Delegation,
  Envelope,
  Establishment,
  Milestone,
  Payment,
  YearAmounts,
} from '../server/contract/plan.js';
import { hashPassword } from '../server/auth/passwords.js';
import { envelopeBudget, yearBudget } from '../server/domain/budget.js';
import { delegatedBudget } from '../server/domain/region-budget.js';
import { luhnKey } from '../server/domain/finess.js';
import { engagedOn } from '../server/domain/payments.js';
import { REGION_OF_DEPARTEMENT } from '../server/domain/regions.js';
import { sumAmounts } from '../server/domain/money.js';
import { seal } from '../server/store/audit-chain.js';
import { emptyData, KINDS, type DataFile } from '../server/store/schema.js';
import { AuditFile } from '../server/store/audit-file.js';
import { nodeDisk } from '../server/store/disk.js';
import { folderFiles } from '../server/store/files.js';
import { SnapshotFile } from '../server/store/snapshot-file.js';
import { JournalStore } from '../server/store/store.js';
import { objectiveState } from '../server/domain/objectives.js';
import { assertTranches, paidByTranche } from '../server/domain/tranches.js';
import { drawsFrom } from './draws.js';
import { generateWindow } from './gen-window.js';

export const GEN_PASSWORD = 'CaRE-cyber-2027';

const { values } = parseArgs({
  options: {
    establishments: { type: 'string', default: '3000' },
    out: { type: 'string' },
    seed: { type: 'string', default: '42' },
    users: { type: 'string' },
    payments: { type: 'string' },
    completions: { type: 'string' },
  },
});
if (!values.out) {
  console.error('usage: npm run gen -- --establishments 3000 --out <dir> [--seed 42]');
  process.exit(2);
}
const N = Number(values.establishments);
if (!Number.isSafeInteger(N) || N < 1) {
  console.error(`gen: --establishments must be a whole number ≥ 1 (got ${values.establishments})`);
  process.exit(2);
}
// The national plan is drawn for 3,000 establishments. Beyond, up to the medico-social sector's
// 30,000 and more, the envelopes, accounts, payments and completions grow with the count, so
// that a plan ten times larger holds ten times as much of everything and every rule still holds.
// Up to 3,000 nothing is scaled: those plans are the ones drawn before this scaling existed.
const SCALE = Math.max(1, N / 3000);
const scaled = (given: string | undefined, base: number) =>
  given === undefined ? Math.round(base * SCALE) : Number(given);
const USERS = scaled(values.users, 1000),
  PAYMENTS = scaled(values.payments, 50_000),
  COMPLETIONS = scaled(values.completions, 20_000);

// deterministic: the same seed gives the same plan
const { rng, int, pick } = drawsFrom(Number(values.seed));

const NOW = '2026-11-29T08:00:00.000Z';
const demo = JSON.parse(await readFile(new URL('../data/demo/plan.json', import.meta.url), 'utf8')) as {
  regions: Array<{ code: string; name: string }>;
  actions: Action[];
  milestones: Milestone[];
};
const meta = (id: string) => ({ id, rev: '1', createdAt: NOW, updatedAt: NOW });

// Départements by region, as FINESS numbers spell them (overseas: 971…976).
const DEPTS: Record<string, string[]> = {};
for (const [d, r] of REGION_OF_DEPARTEMENT) if (/^(\d\d|2[AB]|97\d)$/.test(d) && d !== '20') (DEPTS[r] ??= []).push(d);
// Rough weight of each region in the national count of establishments.
const WEIGHT: Record<string, number> = {
  '84': 12,
  '27': 4,
  '53': 5,
  '24': 4,
  '94': 1,
  '44': 8,
  '32': 8,
  '11': 16,
  '28': 4,
  '75': 9,
  '76': 10,
  '52': 5,
  '93': 9,
  '01': 1,
  '02': 1,
  '03': 1,
  '04': 1,
  '06': 1,
};
const regionOf = (() => {
  const bag = Object.entries(WEIGHT).flatMap(([r, w]) => Array<string>(w).fill(r));
  return () => pick(bag);
})();

const seqByDept = new Map<string, number>();
const finessFor = (dept: string) => {
  const n = (seqByDept.get(dept) ?? 0) + 1;
  seqByDept.set(dept, n);
  const body = dept + String(n).padStart(8 - dept.length, '0');
  return body + luhnKey(body);
};

const CATS: Array<[Category, number, string]> = [
  ['public', 45, 'Centre hospitalier de'],
  ['private_nonprofit', 22, 'Hôpital privé à but non lucratif de'],
  ['private_forprofit', 33, 'Clinique de'],
];
const establishments: Establishment[] = [];
for (let i = 0; i < N; i++) {
  const region = regionOf(),
    dept = pick(DEPTS[region]!);
  const r = rng() * 100,
    [category, , prefix] = r < 45 ? CATS[0]! : r < 67 ? CATS[1]! : CATS[2]!;
  const finess = finessFor(dept);
  establishments.push({
    ...meta(finess),
    finess,
    name: `${prefix} ${dept}-${String(i + 1).padStart(4, '0')}`,
    category,
    region,
    priority: category === 'public' ? rng() < 0.6 : rng() < 0.1,
    synthetic: true,
    ...(category === 'public' ? { ght: `GHT ${dept}-${int(1, 3)}` } : {}),
  });
}

const actions: Action[] = [
  ...demo.actions.map((a) => ({ ...a, ...meta(a.id) })),
  {
    ...meta('act-pcra'),
    code: 'PCRA',
    title: 'Plan de continuité et de reprise d’activité',
    axis: 1 as const,
    domain: 'D2',
  },
].slice(0, 12);
const D1 = actions.filter((a) => a.domain === 'D1').map((a) => a.id);

// Every envelope is split evenly over the five years; totals leave room after allocation. Scaled
// with the plan, each year rounded up to the euro, and the total is the sum of its years.
const yearly = (total: number) => Math.ceil(((total / 5) * SCALE) / 100) * 100;
const split = (total: number): YearAmounts => Object.fromEntries(PLAN_YEARS.map((y) => [y, yearly(total)]));
const totalOf = (total: number) => yearly(total) * 5;
const envelopes: Envelope[] = [
  {
    ...meta('env-supp'),
    code: 'SUPP-2023',
    name: 'Enveloppe supplémentaire post-Corbeil',
    source: 'Annonce du 21 décembre 2022',
    status: 'committed',
    totalCents: totalOf(2_000_000_000),
    yearlyCents: split(2_000_000_000),
  },
  {
    ...meta('env-care-socle'),
    code: 'CARE-SOCLE',
    name: 'CaRE — crédits engagés',
    source: 'Programme CaRE, 18 décembre 2023',
    status: 'committed',
    totalCents: totalOf(18_500_000_000),
    yearlyCents: split(18_500_000_000),
  },
  {
    ...meta('env-care-d1'),
    code: 'CARE-D1',
    name: 'CaRE — fenêtre D1',
    source: 'Arrêté du 18 mars 2024',
    status: 'committed',
    totalCents: totalOf(6_500_000_000),
    yearlyCents: split(6_500_000_000),
    earmark: { actionIds: D1 },
  },
  {
    ...meta('env-care-annonce'),
    code: 'CARE-ANNONCE',
    name: 'CaRE — tranche annoncée',
    source: 'Annonce de 750 M€ d’ici 2027',
    status: 'announced',
    totalCents: totalOf(50_000_000_000),
    yearlyCents: split(50_000_000_000),
  },
];

const users: User[] = [];
const hash = await hashPassword(GEN_PASSWORD);
const staff: Array<[User['role'], number]> = [
  ['admin', 4],
  ['planner', 48],
  ['reviewer', 48],
];
for (const [role, n] of staff)
  for (let i = 1; i <= n; i++)
    users.push({
      ...meta(`usr-${role}-${i}`),
      email: `${role}${i}@jalon.test`,
      name: `${role} ${i}`,
      role,
      passwordHash: hash,
    });
for (let i = 0; users.length < USERS; i++) {
  const e = establishments[i % establishments.length]!;
  users.push({
    ...meta(`usr-etab-${i + 1}`),
    email: `etab${i + 1}@jalon.test`,
    name: e.name,
    role: 'establishment',
    finess: e.finess,
    passwordHash: hash,
  });
}
const planners = users.filter((u) => u.role === 'planner'),
  reviewers = users.filter((u) => u.role === 'reviewer');

const allocations: Allocation[] = [];
const payments: Payment[] = [];
for (const e of establishments) {
  for (const a of actions) {
    const env = D1.includes(a.id)
      ? envelopes[2]!
      : e.priority && (a.code === 'EXE-CRISE' || a.code === 'PBN')
        ? envelopes[0]!
        : rng() < 0.5
          ? envelopes[1]!
          : envelopes[3]!;
    const [lo, hi] = env === envelopes[0] ? [2, 8] : env === envelopes[2] ? [5, 15] : [10, 30]; // 200 € to 3,000 € a year
    const amounts = Object.fromEntries(PLAN_YEARS.map((y) => [y, int(lo, hi) * 10_000])) as YearAmounts;
    const r = rng();
    const status =
      env.status === 'announced'
        ? r < 0.1
          ? 'rejected'
          : 'proposed'
        : r < 0.8
          ? 'approved'
          : r < 0.95
            ? 'proposed'
            : 'rejected';
    const by = pick(planners).email;
    const al: Allocation = {
      ...meta(`al-${allocations.length + 1}`),
      envelopeId: env.id,
      finess: e.finess,
      actionId: a.id,
      amounts,
      status,
      createdBy: by,
      updatedBy: by,
    };
    if (status === 'approved')
      Object.assign(al, { approvedAt: '2024-03-01T09:00:00.000Z', approvedBy: pick(reviewers).email });
    if (status === 'rejected')
      Object.assign(al, {
        rejectedAt: '2024-03-01T09:00:00.000Z',
        rejectedBy: pick(reviewers).email,
        rejectionReason: 'Dossier incomplet',
      });
    allocations.push(al);
  }
}
// A funding window at national scale (gen-window.ts): ~1,200 applications, their grants (approved
// allocations with one tranche per objective) on an envelope of its own, declarations, checks and
// tranche payments; drawn from a generator of its own, after the allocations above (which it
// leaves as they were). Its grants are delegated below like every committed envelope's.
const win = generateWindow({
  seed: Number(values.seed),
  scale: SCALE,
  now: NOW,
  establishments,
  planners: users.filter((u) => u.role === 'planner'),
  reviewers: users.filter((u) => u.role === 'reviewer'),
  meta,
});
envelopes.push(win.envelope);
allocations.push(...win.grants);
// Delegations: each committed envelope goes to the ARS as circulars do, by a key drawn from the
// regions' needs. Per year, the envelope less a national reserve of a tenth (less where it would not
// leave room for the allocations) is shared among the regions in proportion to what their
// allocations hold, each region's share rounded down to the euro and never below its own need:
// its credits are its need plus a margin, and their sum never exceeds the envelope. Two rounds, as
// the circulars notify them: seven tenths (to the euro) first, the rest in the second. No random
// draw, so the rest of the plan is the one drawn before. A region without allocations of an
// envelope gets none of it.
const ROUNDS: Array<[string, string, number]> = [
  ['1re délégation, circulaire du 15 mars 2024', '2024-03-15', 7],
  ['2e délégation, circulaire du 16 septembre 2024', '2024-09-16', 10],
];
const delegations: Delegation[] = [];
const zeros = () => PLAN_YEARS.map(() => 0n);
const planner = planners[0]!.email;
const regionByFiness = new Map(establishments.map((e) => [e.finess, e.region]));
for (const env of envelopes.filter((e) => e.status === 'committed')) {
  const need = new Map<string, bigint[]>();
  for (const a of allocations) {
    if (a.envelopeId !== env.id) continue;
    const region = regionByFiness.get(a.finess)!,
      held = heldAmounts(a);
    let v = need.get(region);
    if (!v) need.set(region, (v = zeros()));
    PLAN_YEARS.forEach((y, i) => (v[i]! += BigInt(held[y] ?? 0)));
  }
  // what each region is given per year: its need plus its part of what is shared beyond the needs
  const credits = new Map<string, bigint[]>([...need.keys()].sort().map((r) => [r, zeros()]));
  PLAN_YEARS.forEach((y, i) => {
    const budget = BigInt(yearBudget(env, y)!); // every envelope here is split over the years
    let needs = 0n;
    for (const v of need.values()) needs += v[i]!;
    const room = budget - needs;
    if (room < 0n) throw new Error(`gen: ${env.code} ${y} over-allocated`);
    const reserve = room < budget / 10n ? room : budget / 10n;
    const shared = room - reserve;
    for (const [r, c] of credits) {
      const n = need.get(r)![i]!;
      c[i] = n + (needs > 0n ? ((shared * n) / needs / 100n) * 100n : 0n);
    }
  });
  for (const [region, c] of credits) {
    let given = zeros();
    for (const [round, [reference, notifiedOn, tenths]] of ROUNDS.entries()) {
      const upTo = c.map((x) => (tenths === 10 ? x : ((x * BigInt(tenths)) / 10n / 100n) * 100n));
      const amounts = Object.fromEntries(PLAN_YEARS.map((y, i) => [y, Number(upTo[i]! - given[i]!)])) as YearAmounts;
      given = upTo;
      if (sumAmounts(amounts) === 0) continue;
      delegations.push({
        ...meta(`dlg-${env.id.slice(4)}-${region}-${round + 1}`),
        envelopeId: env.id,
        region,
        amounts,
        reference,
        notifiedOn,
        createdBy: planner,
        updatedBy: planner,
      });
    }
  }
}
// Payments: up to three tranches (20 %, 30 %, 20 %) on approved allocations.
// (the window's grants are paid tranche by tranche, below)
const approved = allocations.filter((a) => a.status === 'approved' && !a.tranches);
const TRANCHES: Array<[string, number]> = [
  ['amorçage', 2],
  ['deuxième tranche', 3],
  ['troisième tranche', 2],
];
for (let i = 0; payments.length < PAYMENTS && i < approved.length * TRANCHES.length; i++) {
  const a = approved[i % approved.length]!,
    t = Math.floor(i / approved.length),
    [tranche, tenths] = TRANCHES[t]!;
  payments.push({
    ...meta(`pay-${payments.length + 1}`),
    allocationId: a.id,
    amountCents: Math.floor((sumAmounts(a.amounts) * tenths) / 10),
    // the first tranche follows the approvals of 1 March 2024: nothing is paid before it is approved
    paidOn: `${2024 + t}-${String(int(t === 0 ? 3 : 1, t === 2 ? 10 : 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
    tranche,
  });
}
const completions: Completion[] = [];
const taken = new Set<string>();
while (completions.length < Math.min(COMPLETIONS, N * actions.length)) {
  const e = pick(establishments),
    a = pick(actions),
    k = `${e.finess}|${a.id}`;
  if (taken.has(k)) continue;
  taken.add(k);
  completions.push({
    ...meta(`cp-${completions.length + 1}`),
    finess: e.finess,
    actionId: a.id,
    completedOn: `${pick(['2023', '2024', '2025', '2026'])}-${String(int(1, 10)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
  });
}
// nine in ten checked and validated by a planner a few weeks later (milestones count those); the
// tenth awaits its check. By index, so that the random draws of the plan stay as they were.
completions.forEach((c, i) => {
  if (i % 10 === 9) return;
  const on = new Date(Date.parse(c.completedOn) + (14 + (i % 15)) * 86_400_000).toISOString().slice(0, 10);
  c.validatedAt = `${on}T10:00:00.000Z`;
  c.validatedBy = planners[i % planners.length]!.email;
});
const milestones = demo.milestones.map((m) => ({ ...m, ...meta(m.id) }));
const regions = demo.regions.map((r) => ({ ...r, ...meta(r.code) }));

const data: DataFile = emptyData();
const put = <T extends { id: string }>(kind: keyof DataFile['collections'], xs: T[]) => {
  for (const x of xs) (data.collections[kind] as unknown as Record<string, T>)[x.id] = x;
};
put('regions', regions);
put('envelopes', envelopes);
put('establishments', establishments);
put('actions', actions);
put('allocations', allocations);
put('delegations', delegations);
put('payments', payments);
put('milestones', milestones);
put('completions', completions);
put('users', users);
put('windows', [win.window]);
put('applications', win.applications);
put('declarations', win.declarations);
put('payments', win.payments);

// One audit event per record, chained as the store chains them.
let prev: AuditEvent | undefined;
for (const kind of KINDS) {
  for (const r of Object.values(data.collections[kind]) as Array<{
    id: string;
    createdBy?: string;
    passwordHash?: string;
  }>) {
    const after = r.passwordHash ? { ...r, passwordHash: '[masqué]' } : r;
    prev = seal(
      {
        seq: (prev?.seq ?? 0) + 1,
        at: NOW,
        actor: r.createdBy ?? 'import',
        action: 'create',
        entity: kind,
        id: r.id,
        before: null,
        after,
      },
      prev?.hash ?? '',
    );
    data.audit.push(prev);
  }
}
data.seq = 1;

// Check the rules with the domain's own functions before writing anything.
const check = await JournalStore.open({ seed: () => data });
for (const env of envelopes) {
  const b = envelopeBudget(check.plan, env);
  if (b.allocatedCents > env.totalCents || PLAN_YEARS.some((y) => (b.years[y].remainingCents ?? 0) < 0))
    throw new Error(`gen: ${env.code} over-allocated`);
}
// and the three rules of the delegations, per year and in total: the delegations within the envelope,
// each delegated region's allocations within its credits, the others' within the national reserve
for (const env of envelopes) {
  const d = delegatedBudget(check.plan, env);
  const over = (what: string, remaining: number | null) => {
    if ((remaining ?? 0) < 0) throw new Error(`gen: ${env.code} ${what} over by ${-remaining!} cents`);
  };
  for (const y of PLAN_YEARS) {
    const budget = yearBudget(env, y);
    if (budget !== null)
      over(`delegated in ${y}`, budget - d.regions.reduce((s, r) => s + r.years[y].delegatedCents, 0));
    over(`national reserve in ${y}`, d.reserve.years[y].remainingCents);
    for (const r of d.regions) over(`region ${r.region} in ${y}`, r.years[y].remainingCents);
  }
  over('delegated', env.totalCents - d.delegatedCents);
  over('national reserve', d.reserve.remainingCents);
  for (const r of d.regions) over(`region ${r.region}`, r.remainingCents);
}
for (const a of approved) {
  const paid = [...check.plan.index.paymentsByAllocation(a.id)].reduce((s, p) => s + p.amountCents, 0);
  if (paid > sumAmounts(a.amounts)) throw new Error(`gen: ${a.id} overpaid`);
  if ([...check.plan.index.paymentsByAllocation(a.id)].some((p) => p.paidOn < engagedOn(a)!))
    throw new Error(`gen: ${a.id} paid before it was approved`);
}

// the window's grants: tranches adding up to the grant, gated on its objectives; each paid only
// once its objective passed both checks, never beyond its amount
for (const g of win.grants) {
  assertTranches(check.plan, g);
  const paid = paidByTranche(check.plan, g.id);
  for (const t of g.tranches!) {
    const p = paid.get(t.code) ?? 0;
    if (p > t.amountCents) throw new Error(`gen: ${g.id} ${t.code} overpaid`);
    if (p > 0 && t.gate.kind === 'objective' && objectiveState(check.plan, g.applicationId!, t.code) !== 'achieved')
      throw new Error(`gen: ${g.id} ${t.code} paid before its objective was achieved`);
  }
}

await mkdir(values.out, { recursive: true });
const file = join(values.out, 'jalon.json');
// The audit trail goes to its own append-only file, as the store keeps it.
// (a plan generated again in the same folder starts a new trail: the old one does not chain on)
await rm(`${file}.audit`, { force: true });
const audit = new AuditFile(`${file}.audit`);
for (let i = 0; i < data.audit.length; i += 10_000) await audit.append(data.audit.slice(i, i + 10_000));
await new SnapshotFile(file).write({ ...data, auditHead: prev && { seq: prev.seq, hash: prev.hash }, audit: [] });
// the declarations' evidence file, put where and as the store keeps files
await folderFiles(`${file}.files`, nodeDisk, () => true).put(win.evidence, 'application/pdf');
const size = (await stat(file)).size + (await audit.size());
console.log(
  JSON.stringify({
    file,
    establishments: establishments.length,
    actions: actions.length,
    envelopes: envelopes.length,
    delegations: delegations.length,
    allocations: allocations.length,
    amounts: allocations.length * 5,
    payments: payments.length,
    completions: completions.length,
    users: users.length,
    window: {
      applications: win.applications.length,
      grants: win.grants.length,
      declarations: win.declarations.length,
      payments: win.payments.length,
    },
    auditEvents: data.audit.length,
    fileMB: +(size / 1048576).toFixed(1),
  }),
);
