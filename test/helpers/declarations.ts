// Fixtures of the declaration suites: a funding window whose declaration phase is open on the
// test clock's day (2026-11-29), granted applications put directly in the store (the windows and
// applications routes are not needed to test declarations), evidence file bytes, and a client
// that posts multipart forms with a session cookie.
import type { Application, Declaration, FundingWindow } from '../../server/contract/windows.js';
import type { App } from '../../server/app.js';
import { DEMO_PASSWORD } from './app.js';
import { F1, F2, type PlanRecords } from './plan.js';

const meta = { rev: '1', createdAt: '2026-01-02T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' };

export const OBJECTIVES = ['D1-AD-1', 'D1-AD-2', 'D1-AD-3'] as const;

export const fundingWindow = (o: Partial<FundingWindow> = {}): FundingWindow => ({
  id: 'win-d1',
  code: 'D1',
  name: 'CaRE domaine 1',
  envelopeId: 'env-a',
  actionId: 'act-ad',
  year: '2026',
  reference: 'Arrêté du 18 mars 2024',
  phases: {
    applicationsOpen: '2026-01-05',
    applicationsClose: '2026-03-31',
    instructionEnd: '2026-05-31',
    declarationsOpen: '2026-06-01',
    declarationsClose: '2026-12-31',
    arsChecksEnd: '2027-01-31',
    ansChecksEnd: '2027-02-28',
  },
  objectives: [
    { code: 'D1-AD-1', title: 'Sauvegardes hors ligne', shareBp: 5000 },
    { code: 'D1-AD-2', title: 'Exposition sur Internet maîtrisée', shareBp: 3000 },
    { code: 'D1-AD-3', title: 'Comptes à privilèges', shareBp: 2000 },
  ],
  eligibility: {},
  caps: [{ applicant: 'establishment', minStaff: 0, capCents: 100_000 }],
  ...meta,
  ...o,
});

export const application = (id: string, o: Partial<Application> = {}): Application => ({
  id,
  windowId: 'win-d1',
  finess: F1,
  region: '11',
  objectives: ['D1-AD-1', 'D1-AD-2'],
  requestedCents: 60_000,
  state: 'granted',
  submittedAt: '2026-02-01T09:00:00.000Z',
  grantedCents: 50_000,
  grantedAt: '2026-04-01T09:00:00.000Z',
  grantedBy: 'ars.planif.idf@jalon.test',
  ...meta,
  ...o,
});

/** F1's granted application (Île-de-France), F2's (Auvergne-Rhône-Alpes), and F1's draft on a
 *  second window. */
export const windowRecords = (more: { declarations?: Declaration[] } = {}): PlanRecords =>
  ({
    windows: [fundingWindow(), fundingWindow({ id: 'win-d2', code: 'D2' })],
    applications: [
      application('app-f1'),
      application('app-f2', { finess: F2, region: '84', objectives: ['D1-AD-1'] }),
      application('app-f1-draft', { windowId: 'win-d2', state: 'draft' }),
    ],
    declarations: more.declarations ?? [],
  }) as PlanRecords;

const enc = new TextEncoder();
/** A small PDF, PNG and JPEG (their first bytes are what counts), each distinct by `tag`. */
export const pdf = (tag = 'a') => enc.encode(`%PDF-1.7\n% preuve ${tag}\n%%EOF\n`);
export const png = (tag = 'a') => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...enc.encode(tag)]);
export const jpeg = (tag = 'a') => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...enc.encode(tag)]);

export interface FormFile {
  name: string;
  bytes: Uint8Array;
  type?: string;
}

/** A declaration's multipart form. */
export const declarationForm = (
  fields: { objective?: string; achievedOn?: string; comment?: string },
  files: readonly FormFile[],
): FormData => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.set(k, v);
  for (const f of files)
    form.append('files', new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.type ?? 'application/pdf' }), f.name);
  return form;
};

/** Posts forms (and reads files) with a session cookie, as the browser does. */
export const formClient = (app: App) => {
  const cookies = new Map<string, string>();
  const cookie = async (email: string) => {
    if (!cookies.has(email)) {
      const r = await app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      if (r.status !== 200) throw new Error(`login ${email}: ${r.status}`);
      cookies.set(email, r.headers.get('set-cookie')!.split(';')[0]!);
    }
    return cookies.get(email)!;
  };
  return {
    /** Logs in again (a clock moved past the sessions' expiry). */
    relogin: async (email: string) => {
      cookies.delete(email);
      await cookie(email);
    },
    /** POST /api/applications/:id/declarations */
    declare: async (
      email: string,
      applicationId: string,
      form: FormData | string | ReadableStream<Uint8Array>,
      headers: Record<string, string> = {},
    ) => {
      const res = await app.request(`/api/applications/${applicationId}/declarations`, {
        method: 'POST',
        headers: { cookie: await cookie(email), ...headers },
        body: form,
        // a streamed body (a slow upload) goes as it comes
        ...(form instanceof ReadableStream ? { duplex: 'half' } : {}),
      } as RequestInit);
      const text = await res.text();
      return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as any) : null };
    },
    /** GET a file: the raw answer. */
    download: async (email: string, path: string) => app.request(path, { headers: { cookie: await cookie(email) } }),
  };
};
