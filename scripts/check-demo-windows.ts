// check-demo's part on the funding windows (scripts/check-demo.ts calls it): every rule of a
// window, its applications, the grants and their tranches, the declarations and their checks
// (domain/windows.ts, caps.ts, applications.ts, declarations.ts), and the demo's brief: D1 on its
// published dates and figures (about 84 % of the eligible applied, grants 98.8 % of the envelope,
// about 90 % of the granted declared, part paid), D2 under way. The file is untrusted input:
// everything is read with care.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parisDay } from '../shared/dates.js';
import { PHASE_ORDER, WINDOW_PHASES } from '../shared/windows.js';

// the file is untrusted JSON: every field is checked where it is read
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Rec = Record<string, any>;

export interface WindowChecks {
  today: string;
  err: (message: string) => void;
  windows: Rec[];
  applications: Rec[];
  declarations: Rec[];
  allocations: ReadonlyMap<string, Rec>;
  establishments: ReadonlyMap<string, Rec>;
  ghts: Rec[];
  envelopes: ReadonlyMap<string, Rec>;
  actions: ReadonlyMap<string, Rec>;
  users: ReadonlyMap<string, Rec>;
  years: readonly string[];
  /** Where the declarations' evidence files are, by SHA-256 (data/demo/evidence/<sha256>.pdf). */
  evidenceDir: string;
}

export interface WindowReport {
  /** allocation id|tranche code → the Paris day its objective passed the ANS check (payable
   *  after it); absent: not payable. */
  payableAfter: Map<string, string>;
  /** allocation id → its tranches' amounts by code. */
  tranches: Map<string, Map<string, number>>;
  lines: string[];
}

// the phases and the order they keep: the domain's (shared/windows.ts)
const PHASES: readonly string[] = WINDOW_PHASES;
const STATES = ['draft', 'submitted', 'granted', 'refused', 'withdrawn'];
const TYPES: Record<string, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};
const MAX_FILE = 10 * 1024 * 1024;
const isDay = (v: unknown): v is string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const isInstant = (v: unknown): v is string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(v) && !Number.isNaN(Date.parse(v));
const cents = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const pct = (n: number, d: number) => (d ? `${((n * 100) / d).toFixed(1).replace('.', ',')} %` : '-');

export const checkWindows = (x: WindowChecks): WindowReport => {
  const { err } = x;
  const report: WindowReport = { payableAfter: new Map(), tranches: new Map(), lines: [] };
  const windowById = new Map<string, Rec>();
  const codes = new Set<string>();
  const role = (email: unknown) => x.users.get(email as string)?.role as string | undefined;
  /** A decision of the ARS: its region's planner, or a national one. */
  const arsDecider = (email: unknown, region: unknown) => {
    const u = x.users.get(email as string);
    return u?.role === 'planner' && (u.region === undefined || u.region === region);
  };

  // ---------------------------------------------------------------- windows
  for (const w of x.windows) {
    const where = `Guichet ${String(w.id)}`;
    for (const f of ['id', 'code', 'name', 'reference'])
      if (typeof w[f] !== 'string' || !w[f].trim()) err(`${where} : « ${f} » doit être une chaîne non vide.`);
    if (codes.has(w.code)) err(`${where} : code ${String(w.code)} en double.`);
    codes.add(w.code);
    windowById.set(w.id, w);
    const env = x.envelopes.get(w.envelopeId);
    if (!env) err(`${where} : enveloppe ${String(w.envelopeId)} introuvable.`);
    if (!x.actions.has(w.actionId)) err(`${where} : action ${String(w.actionId)} introuvable.`);
    if (!x.years.includes(w.year)) err(`${where} : année ${String(w.year)} hors du plan.`);
    else if (env?.yearlyCents && !(w.year in env.yearlyCents))
      err(`${where} : année ${String(w.year)} hors de la répartition de l'enveloppe.`);
    const p = (w.phases ?? {}) as Rec;
    for (const k of PHASES) if (!isDay(p[k])) err(`${where} : phase ${k} : date AAAA-MM-JJ attendue.`);
    for (const [a, b] of PHASE_ORDER) if (p[a] > p[b]) err(`${where} : ${b} (${p[b]}) avant ${a} (${p[a]}).`);
    const objectives = Array.isArray(w.objectives) ? (w.objectives as Rec[]) : [];
    if (!objectives.length) err(`${where} : objectifs attendus.`);
    if (new Set(objectives.map((o) => o.code)).size !== objectives.length)
      err(`${where} : codes d'objectifs en double.`);
    if (objectives.some((o) => !Number.isSafeInteger(o.shareBp) || o.shareBp <= 0))
      err(`${where} : parts en points de base entiers positifs attendues.`);
    const bp = objectives.reduce((s, o) => s + Number(o.shareBp), 0);
    if (bp !== 10_000) err(`${where} : les parts des objectifs font ${bp} points de base, 10 000 attendus.`);
    for (const c of (w.caps ?? []) as Rec[])
      if (
        !['establishment', 'ght'].includes(c.applicant) ||
        !cents(c.capCents) ||
        !(c.minStaff >= 0) ||
        (c.maxStaff !== undefined && !(c.maxStaff > c.minStaff))
      )
        err(`${where} : plafond mal formé ${JSON.stringify(c)}.`);
    for (const e of (w.extensions ?? []) as Rec[])
      if (
        !PHASES.includes(e.phase) ||
        !(e.from < e.to) ||
        p[e.phase] !== e.to ||
        !e.reason ||
        !isInstant(e.at) ||
        parisDay(e.at) > x.today
      )
        err(`${where} : prolongation mal formée ${JSON.stringify(e)}.`);
    for (const f of (w.published ?? []) as Rec[])
      if (typeof f.label !== 'string' || typeof f.value !== 'string') err(`${where} : chiffre publié mal formé.`);
  }

  // ---------------------------------------------------------------- applications
  const staffOf = (es: Rec[]) => es.reduce((s, e) => s + (typeof e.staff === 'number' ? e.staff : 0), 0);
  const capOf = (w: Rec, applicant: string, category: string, staff: number): number | null =>
    ((w.caps ?? []) as Rec[]).find(
      (c) =>
        c.applicant === applicant &&
        (c.category === undefined || c.category === category) &&
        c.minStaff <= staff &&
        (c.maxStaff === undefined || staff < c.maxStaff),
    )?.capCents ?? null;
  const estabs = [...x.establishments.values()];
  /** The applicant: the establishments it counts, its region and cap. */
  const applicant = (w: Rec, a: Rec): { counted: string[]; region: string; cap: number | null } | null => {
    if (a.ghtCode !== undefined) {
      const g = x.ghts.find((g) => g.code === a.ghtCode);
      const support = g && x.establishments.get(g.supportFiness);
      if (!g || !support || g.supportFiness !== a.finess) return null;
      const members = estabs.filter((e) => e.ght === g.code);
      return {
        counted: members.map((e) => e.finess),
        region: g.region,
        cap: capOf(w, 'ght', support.category, staffOf(members)),
      };
    }
    const e = x.establishments.get(a.finess);
    if (!e) return null;
    return { counted: [e.finess], region: e.region, cap: capOf(w, 'establishment', e.category, staffOf([e])) };
  };
  const appById = new Map<string, Rec>();
  const live = new Map<string, Map<string, string>>(); // window → counted FINESS → application
  for (const a of x.applications) {
    const where = `Candidature ${String(a.id)}`;
    if (appById.has(a.id)) err(`${where} : identifiant en double.`);
    appById.set(a.id, a);
    const w = windowById.get(a.windowId);
    if (!w) {
      err(`${where} : guichet ${String(a.windowId)} introuvable.`);
      continue;
    }
    const who = applicant(w, a);
    if (!who) {
      err(`${where} : candidat ${String(a.finess)}${a.ghtCode ? ` (GHT ${String(a.ghtCode)})` : ''} introuvable.`);
      continue;
    }
    if (a.region !== who.region) err(`${where} : région ${String(a.region)}, celle du candidat est ${who.region}.`);
    if (who.cap === null) err(`${where} : aucun plafond ne correspond au candidat : il n'est pas éligible.`);
    const objectives = Array.isArray(a.objectives) ? (a.objectives as unknown[]) : [];
    const known = new Set(((w.objectives ?? []) as Rec[]).map((o) => o.code));
    if (!objectives.length || objectives.some((o) => !known.has(o)) || new Set(objectives).size !== objectives.length)
      err(`${where} : objectifs : une partie non vide de ceux du guichet attendue.`);
    if (!cents(a.requestedCents) || (who.cap !== null && a.requestedCents > who.cap))
      err(`${where} : demandé ${String(a.requestedCents)} hors de ]0, plafond ${String(who.cap)}].`);
    if (!STATES.includes(a.state)) err(`${where} : état inconnu ${String(a.state)}.`);
    const p = w.phases as Rec;
    if (a.state !== 'draft') {
      if (!isInstant(a.submittedAt)) err(`${where} : déposée sans date (submittedAt).`);
      else if (parisDay(a.submittedAt) < p.applicationsOpen || parisDay(a.submittedAt) > p.applicationsClose)
        err(`${where} : déposée le ${parisDay(a.submittedAt)}, hors de la phase de candidature.`);
    }
    if (a.state === 'granted') {
      if (!cents(a.grantedCents) || (who.cap !== null && a.grantedCents > who.cap))
        err(`${where} : accordé ${String(a.grantedCents)} hors de ]0, plafond].`);
      if (!isInstant(a.grantedAt) || parisDay(a.grantedAt) > p.instructionEnd || a.grantedAt < a.submittedAt)
        err(`${where} : accordée hors de l'instruction (${String(a.grantedAt)}).`);
      if (!arsDecider(a.grantedBy, a.region))
        err(`${where} : accordée par ${String(a.grantedBy)}, ni l'ARS de sa région ni un planificateur national.`);
      checkGrant(a, w, where);
    } else if (a.allocationId !== undefined || a.grantedCents !== undefined)
      err(`${where} : porte un accord sans être accordée.`);
    if (a.state === 'refused') {
      if (typeof a.refusalReason !== 'string' || !a.refusalReason.trim()) err(`${where} : refusée sans motif.`);
      if (!arsDecider(a.refusedBy, a.region))
        err(`${where} : refusée par ${String(a.refusedBy)}, ni l'ARS de sa région ni un planificateur national.`);
      if (!isInstant(a.refusedAt) || parisDay(a.refusedAt) > p.instructionEnd)
        err(`${where} : refusée hors de l'instruction.`);
    }
    if (a.state === 'withdrawn' && !isInstant(a.withdrawnAt)) err(`${where} : retirée sans date.`);
    // one live application per establishment counted (a GHT's members count through it)
    if (!['refused', 'withdrawn'].includes(a.state)) {
      const m = live.get(w.id) ?? new Map<string, string>();
      live.set(w.id, m);
      for (const f of who.counted) {
        if (m.has(f)) err(`${where} : l'établissement ${f} est déjà compté par la candidature ${m.get(f)}.`);
        m.set(f, a.id);
      }
    }
  }

  function checkGrant(a: Rec, w: Rec, where: string) {
    const al = x.allocations.get(a.allocationId);
    if (!al) return err(`${where} : allocation ${String(a.allocationId)} introuvable.`);
    const amounts = (al.amounts ?? {}) as Rec;
    if (
      al.applicationId !== a.id ||
      al.status !== 'approved' ||
      al.envelopeId !== w.envelopeId ||
      al.actionId !== w.actionId ||
      al.finess !== a.finess ||
      Object.keys(amounts).join() !== String(w.year) ||
      amounts[w.year] !== a.grantedCents ||
      al.approvedAt !== a.grantedAt ||
      al.approvedBy !== a.grantedBy
    )
      err(
        `${where} : l'allocation ${String(al.id)} n'est pas l'accord (guichet, enveloppe, action, bénéficiaire, ${String(w.year)} : ${String(a.grantedCents)}, date et auteur).`,
      );
    // one tranche per committed objective, in the window's order: the floor of its share, the
    // cents left on the last
    const committed = ((w.objectives ?? []) as Rec[]).filter((o) => (a.objectives as unknown[]).includes(o.code));
    const bp = committed.reduce((s, o) => s + Number(o.shareBp), 0);
    const want = committed.map((o) => Math.floor((Number(a.grantedCents) * Number(o.shareBp)) / bp));
    if (want.length) want[want.length - 1]! += Number(a.grantedCents) - want.reduce((s, v) => s + v, 0);
    const got = Array.isArray(al.tranches) ? (al.tranches as Rec[]) : [];
    const same =
      got.length === committed.length &&
      got.every(
        (t, i) =>
          t.code === committed[i]!.code &&
          t.amountCents === want[i] &&
          t.gate?.kind === 'objective' &&
          t.gate.applicationId === a.id &&
          t.gate.objective === committed[i]!.code,
      );
    if (!same)
      err(
        `${where} : les tranches de ${String(al.id)} ne sont pas l'accord réparti par objectif (${want.join(' + ')}).`,
      );
    report.tranches.set(al.id, new Map(got.map((t) => [String(t.code), Number(t.amountCents)])));
  }

  // ---------------------------------------------------------------- declarations and checks
  const byObjective = new Map<string, Rec[]>();
  for (const dec of x.declarations) {
    const where = `Déclaration ${String(dec.id)}`;
    const a = appById.get(dec.applicationId);
    const w = a && windowById.get(a.windowId);
    if (!a || !w) {
      err(`${where} : candidature ${String(dec.applicationId)} introuvable.`);
      continue;
    }
    const p = w.phases as Rec;
    if (a.state !== 'granted') err(`${where} : la candidature ${String(a.id)} n'est pas accordée.`);
    if (!(a.objectives as unknown[]).includes(dec.objective))
      err(`${where} : objectif ${String(dec.objective)} non retenu par la candidature.`);
    if (
      !isInstant(dec.createdAt) ||
      parisDay(dec.createdAt) < p.declarationsOpen ||
      parisDay(dec.createdAt) > p.declarationsClose
    )
      err(`${where} : déclarée le ${String(dec.createdAt)}, hors de la phase de déclaration.`);
    else if (parisDay(dec.createdAt) > x.today || (a.grantedAt && dec.createdAt < a.grantedAt))
      err(`${where} : déclarée avant l'accord ou dans le futur.`);
    if (!isDay(dec.achievedOn) || dec.achievedOn > parisDay(dec.createdAt))
      err(`${where} : réalisé le ${String(dec.achievedOn)}, après sa déclaration.`);
    const files = Array.isArray(dec.evidence) ? (dec.evidence as Rec[]) : [];
    if (files.length < 1 || files.length > 5)
      err(`${where} : 1 à 5 pièces justificatives attendues (${files.length}).`);
    for (const f of files) {
      const magic = TYPES[f.type];
      const path = `${x.evidenceDir}${String(f.sha256)}.pdf`;
      if (
        !magic ||
        !/^[0-9a-f]{64}$/.test(f.sha256) ||
        !(f.size > 0 && f.size <= MAX_FILE) ||
        typeof f.name !== 'string'
      ) {
        err(`${where} : pièce mal formée ${JSON.stringify(f)}.`);
        continue;
      }
      if (!existsSync(path)) {
        err(`${where} : pièce ${String(f.name)} absente (${path}).`);
        continue;
      }
      const bytes = readFileSync(path);
      if (
        createHash('sha256').update(bytes).digest('hex') !== f.sha256 ||
        bytes.byteLength !== f.size ||
        !magic.every((b, i) => bytes[i] === b)
      )
        err(`${where} : la pièce ${String(f.name)} ne correspond pas à son empreinte, sa taille ou son type.`);
    }
    const ars = dec.arsCheck as Rec | undefined,
      ans = dec.ansCheck as Rec | undefined;
    for (const [level, c, end] of [
      ['ARS', ars, p.arsChecksEnd],
      ['ANS', ans, p.ansChecksEnd],
    ] as const) {
      if (!c) continue;
      if (!['conforme', 'non_conforme'].includes(c.verdict)) err(`${where} : contrôle ${level} : verdict inconnu.`);
      if (c.verdict === 'non_conforme' && !(typeof c.reason === 'string' && c.reason.trim()))
        err(`${where} : contrôle ${level} non conforme sans motif.`);
      if (!isInstant(c.at) || c.at < dec.createdAt || parisDay(c.at) > end || parisDay(c.at) > x.today)
        err(`${where} : contrôle ${level} daté hors de sa phase (${String(c.at)}).`);
    }
    if (ars && !arsDecider(ars.by, a.region))
      err(`${where} : contrôle ARS par ${String(ars.by)}, ni l'ARS de la région ni un planificateur national.`);
    if (ans) {
      if (role(ans.by) !== 'reviewer' || x.users.get(ans.by)?.region !== undefined)
        err(`${where} : contrôle ANS par ${String(ans.by)}, qui n'est pas un valideur national.`);
      if (ars?.verdict !== 'conforme') err(`${where} : contrôle ANS sans contrôle ARS conforme avant lui.`);
      else if (ans.at < ars.at) err(`${where} : contrôle ANS avant le contrôle ARS.`);
    }
    const k = `${String(a.id)}|${String(dec.objective)}`;
    byObjective.set(k, [...(byObjective.get(k) ?? []), dec]);
  }
  // declared again only after a non conforme; the last declaration gives the objective its state
  const stateOf = (d: Rec) =>
    d.arsCheck?.verdict === 'non_conforme' || d.ansCheck?.verdict === 'non_conforme'
      ? 'refused'
      : d.ansCheck
        ? 'achieved'
        : 'pending';
  for (const [k, ds] of byObjective) {
    ds.sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)));
    ds.slice(0, -1).forEach((d, i) => {
      if (stateOf(d) !== 'refused')
        err(`Déclaration ${String(ds[i + 1]!.id)} : objectif déjà déclaré et non jugé non conforme (${k}).`);
      else if (String(ds[i + 1]!.createdAt) < String((d.ansCheck ?? d.arsCheck).at))
        err(`Déclaration ${String(ds[i + 1]!.id)} : déclarée à nouveau avant le contrôle non conforme.`);
    });
    const last = ds.at(-1)!;
    const [appId, objective] = k.split('|') as [string, string];
    const alId = appById.get(appId)?.allocationId as string | undefined;
    if (alId && stateOf(last) === 'achieved')
      report.payableAfter.set(`${alId}|${objective}`, parisDay(last.ansCheck.at));
  }

  // ---------------------------------------------------------------- the brief
  const byCode = new Map([...windowById.values()].map((w) => [w.code as string, w]));
  const d1 = byCode.get('D1'),
    d2 = byCode.get('D2');
  if (!d1) err('Guichet D1 manquant.');
  else {
    const p = d1.phases as Rec;
    const want = {
      applicationsOpen: '2024-03-18',
      applicationsClose: '2024-04-19',
      declarationsClose: '2025-06-30',
      arsChecksEnd: '2025-09-30',
      ansChecksEnd: '2025-12-31',
    };
    for (const [k, v] of Object.entries(want)) if (p[k] !== v) err(`Guichet D1 : ${k} ${String(p[k])}, publié ${v}.`);
    const ext = ((d1.extensions ?? []) as Rec[]).find((e) => e.phase === 'instructionEnd');
    if ((ext?.from ?? p.instructionEnd) !== '2024-05-21')
      err('Guichet D1 : fin de l’instruction publiée au 21/05/2024.');
    if (!/18 mars 2024/.test(String(d1.reference))) err('Guichet D1 : arrêté du 18 mars 2024 attendu.');
    if (x.envelopes.get(d1.envelopeId)?.totalCents !== 65_000_000_00) err('Guichet D1 : enveloppe de 65 M€ attendue.');
    const pub = ((d1.published ?? []) as Rec[]).filter((f) => typeof f.source === 'string' && f.source.trim());
    for (const v of ['1 207', '134', '18', '292', '763', '84 %', '733', '98,8 %', '58 M€'])
      if (!pub.some((f) => String(f.value).includes(v)))
        err(`Guichet D1 : chiffre publié « ${v} » (avec sa source) manquant.`);
    if (
      !((d1.published ?? []) as Rec[]).some(
        (f) => /illustratif/.test(String(f.value)) && /échelle/.test(String(f.value)),
      )
    )
      err('Guichet D1 : les plafonds mis à l’échelle de la démonstration doivent être signalés (chiffres publiés).');
    // eligible as the funnel counts them: each GHT record once for its members, every other establishment
    const inGht = new Set(x.ghts.flatMap((g) => estabs.filter((e) => e.ght === g.code).map((e) => e.finess)));
    const eligible =
      x.ghts.filter(
        (g) =>
          capOf(
            d1,
            'ght',
            x.establishments.get(g.supportFiness)?.category,
            staffOf(estabs.filter((e) => e.ght === g.code)),
          ) !== null,
      ).length +
      estabs.filter((e) => !inGht.has(e.finess) && capOf(d1, 'establishment', e.category, staffOf([e])) !== null)
        .length;
    const apps = x.applications.filter((a) => a.windowId === d1.id);
    const applied = apps.filter((a) => ['submitted', 'granted', 'refused'].includes(a.state));
    const granted = apps.filter((a) => a.state === 'granted');
    const grantedCents = granted.reduce((s, a) => s + Number(a.grantedCents), 0);
    const declared = granted.filter((a) => [...byObjective.keys()].some((k) => k.startsWith(`${String(a.id)}|`)));
    const validatedBy21May = granted.filter((a) => parisDay(a.grantedAt) <= '2024-05-21').length;
    const share = (n: number, d: number) => (d ? n / d : 0);
    if (Math.abs(share(applied.length, eligible) - 0.84) > 0.03)
      err(`Guichet D1 : ${pct(applied.length, eligible)} des éligibles candidats, environ 84 % attendus.`);
    if (grantedCents !== Math.floor((65_000_000_00 * 988) / 1000 / 100_00) * 100_00)
      err(`Guichet D1 : accords de ${grantedCents} centimes, 98,8 % de l'enveloppe attendus.`);
    if (Math.abs(share(declared.length, granted.length) - 0.9) > 0.04)
      err(`Guichet D1 : ${pct(declared.length, granted.length)} des retenus ont déclaré, environ 90 % attendus.`);
    if (Math.abs(share(validatedBy21May, applied.length) - 733 / 1207) > 0.08)
      err(
        `Guichet D1 : ${pct(validatedBy21May, applied.length)} des dossiers validés au 21/05/2024, environ ${pct(733, 1207)} attendus.`,
      );
    report.lines.push(
      `D1 : ${eligible} éligibles, ${applied.length} candidats (${pct(applied.length, eligible)}), ${granted.length} retenus dont ${validatedBy21May} au 21/05/2024, accords ${pct(grantedCents, 65_000_000_00)} de l'enveloppe, ${declared.length} ont déclaré (${pct(declared.length, granted.length)})`,
    );
  }
  if (!d2) err('Guichet D2 manquant.');
  else {
    const p = d2.phases as Rec;
    if (p.applicationsOpen !== '2025-09-02' || p.declarationsOpen !== '2026-01-16')
      err('Guichet D2 : candidatures dès le 02/09/2025 et déclarations dès le 16/01/2026 (publiés).');
    if (!/10 janvier 2025/.test(String(d2.reference))) err('Guichet D2 : arrêté du 10 janvier 2025 attendu.');
    if (!(p.declarationsOpen <= x.today && x.today <= p.ansChecksEnd))
      err('Guichet D2 : déclarations et contrôles en cours attendus.');
    if (!((d2.published ?? []) as Rec[]).some((f) => /illustratif/.test(String(f.value))))
      err('Guichet D2 : les dates non publiées doivent être dites illustratives.');
    const mine = x.declarations.filter((dec) => appById.get(dec.applicationId)?.windowId === d2.id);
    const waiting = (pred: (d: Rec) => boolean) => mine.filter(pred).length;
    const ars = waiting((d) => !d.arsCheck),
      ans = waiting((d) => d.arsCheck?.verdict === 'conforme' && !d.ansCheck);
    if (!ars || !ans) err(`Guichet D2 : des déclarations en attente de l'ARS (${ars}) et de l'ANS (${ans}) attendues.`);
    report.lines.push(`D2 : ${mine.length} déclarations, ${ars} en attente de l'ARS, ${ans} de l'ANS`);
  }
  return report;
};
