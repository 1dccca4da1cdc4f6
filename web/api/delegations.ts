// Delegations to the ARS: an envelope's list, writes (If-Match), its budget by region and the
// national reserve, the table's export links and its import (one round: reference, notification).
import type { DelegationImportReport } from '../../server/contract/delegation-sheet.js';
import type { DelegatedBudget, Delegation, YearAmounts } from '../../server/contract/plan.js';
import { getAll, ifMatch, send } from './client.js';
import type { ExportLinks } from './exports.js';
import { XLSX_TYPE } from './imports.js';

export type { DelegationImportReport };

export const delegationsOf = async (envelopeId: string) =>
  (await getAll<Delegation>('/api/delegations', { envelopeId })).items;

/** Every delegation the caller may read (an ARS account: its region's). */
export const allDelegations = async () => (await getAll<Delegation>('/api/delegations', {})).items;

export interface DelegationBody {
  envelopeId: string;
  region: string;
  amounts: YearAmounts;
  reference: string;
  notifiedOn: string;
}
export const createDelegation = async (body: DelegationBody) =>
  (await send<Delegation>('POST', '/api/delegations', body)).data;
export const updateDelegation = async (d: Pick<Delegation, 'id' | 'rev'>, patch: Partial<DelegationBody>) =>
  (await send<Delegation>('PATCH', `/api/delegations/${encodeURIComponent(d.id)}`, patch, ifMatch(d.rev))).data;

export const delegatedBudget = async (envelopeId: string) =>
  (await send<DelegatedBudget>('GET', `/api/envelopes/${encodeURIComponent(envelopeId)}/budget`)).data;

export const delegationsExport = (envelopeId: string, reference?: string): ExportLinks => {
  const q = new URLSearchParams({ envelopeId, ...(reference ? { reference } : {}) });
  return { csv: `/api/export/delegations.csv?${q}`, xlsx: `/api/export/delegations.xlsx?${q}` };
};

export interface DelegationRound {
  envelopeId: string;
  reference: string;
  notifiedOn: string;
}
/** Dry run (200) or apply (201, or 200 when nothing new); an apply with any refused cell is a 422
 *  whose `errors` are `{ path: "ligne N, 2025", message: "84 : …" }`, and nothing is written. */
export const importDelegations = async (file: File, round: DelegationRound, dryRun: boolean) => {
  const q = new URLSearchParams({ ...round, ...(dryRun ? { dryRun: '1' } : {}) });
  const type = file.type === XLSX_TYPE || /\.xlsx$/i.test(file.name) ? XLSX_TYPE : 'text/csv';
  return (await send<DelegationImportReport>('POST', `/api/import/delegations?${q}`, file, { 'Content-Type': type }))
    .data;
};
