// Applications to funding windows (create, edit, submit, withdraw; grant or refuse by the ARS),
// declarations of objectives with their evidence (multipart/form-data) and their two checks. Each
// write sends the version read (If-Match). The windows themselves and eligibility: api/windows.ts.
import type { Payment } from '../../server/contract/plan.js';
import type { Application, ApplicationState, CheckVerdict, Declaration } from '../../server/contract/windows.js';
import { getAll, ifMatch, send } from './client.js';

type Versioned = { id: string; rev: string };
const at = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

export interface ApplicationFilters {
  windowId?: string;
  state?: ApplicationState | string;
  region?: string;
  finess?: string;
}
export const listApplications = async (f: ApplicationFilters = {}) =>
  (await getAll<Application>('/api/applications', { ...f })).items;

export interface ApplicationBody {
  objectives: string[];
  requestedCents: number;
}
/** `ghtCode`: the GHT's application (« un dossier par GHT »), made by its support establishment. */
export const createApplication = async (
  windowId: string,
  body: ApplicationBody & { finess: string; ghtCode?: string },
) => (await send<Application>('POST', `${at('/api/windows', windowId)}/applications`, body)).data;
export const updateApplication = async (a: Versioned, body: ApplicationBody) =>
  (await send<Application>('PATCH', at('/api/applications', a.id), body, ifMatch(a.rev))).data;

const step = async (a: Versioned, verb: string, body?: unknown) =>
  (await send<Application>('POST', `${at('/api/applications', a.id)}/${verb}`, body, ifMatch(a.rev))).data;
export const submitApplication = (a: Versioned) => step(a, 'submit');
export const withdrawApplication = (a: Versioned) => step(a, 'withdraw');
export const grantApplication = (a: Versioned, amountCents: number) => step(a, 'grant', { amountCents });
export const refuseApplication = (a: Versioned, reason: string) => step(a, 'refuse', { reason });

export interface DeclarationFilters {
  applicationId?: string;
  windowId?: string;
  state?: string;
  region?: string;
}
export const listDeclarations = async (f: DeclarationFilters = {}) =>
  (await getAll<Declaration>('/api/declarations', { ...f })).items;
export const declarationsOf = async (applicationId: string) =>
  (await getAll<Declaration>(`${at('/api/applications', applicationId)}/declarations`)).items;

export interface DeclarationInput {
  objective: string;
  achievedOn: string;
  comment: string;
  files: readonly File[];
}
/** multipart/form-data: the browser writes the boundary; each file under the name `files`. */
export const declareObjective = async (applicationId: string, d: DeclarationInput) => {
  const form = new FormData();
  form.set('objective', d.objective);
  form.set('achievedOn', d.achievedOn);
  if (d.comment.trim()) form.set('comment', d.comment.trim());
  for (const f of d.files) form.append('files', f, f.name);
  return (await send<Declaration>('POST', `${at('/api/applications', applicationId)}/declarations`, form)).data;
};

export const checkDeclaration = async (
  d: Versioned,
  check: { level: 'ars' | 'ans'; verdict: CheckVerdict; reason?: string },
) => (await send<Declaration>('POST', `${at('/api/declarations', d.id)}/check`, check, ifMatch(d.rev))).data;

/** The download address of an evidence file (an attachment, for those who may read the declaration). */
export const evidenceUrl = (declarationId: string, sha256: string) =>
  `${at('/api/declarations', declarationId)}/files/${encodeURIComponent(sha256)}`;

/** The payments recorded on an allocation (counter-entries included: they keep their tranche). */
export const paymentsOf = async (allocationId: string) =>
  (await getAll<Payment>('/api/payments', { allocationId })).items;
