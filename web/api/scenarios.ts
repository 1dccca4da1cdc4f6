// Scenarios (« scénarios »): the list, one scenario, create, rename, re-base and delete (If-Match),
// its lines (list, add, edit, remove), a distribution rule (previewed, then applied), the
// comparison with the plan and its exports, and the promotion (dry run, then for real).
import type { YearAmounts } from '../../server/contract/plan.js';
import type {
  Comparison,
  DistributionInput,
  DistributionResult,
  Promotion,
  Scenario,
  ScenarioLine,
} from '../../server/contract/scenarios.js';
import { get, getAll, ifMatch, send } from './client.js';

export type { Comparison, DistributionResult, Promotion, Scenario, ScenarioLine };

/** A scenario as the API lists it: with its lines' count and total, and what made it stale. */
export type ScenarioView = Scenario & { lineCount: number; totalCents: number; stale: string[] };

const at = (id: string) => `/api/scenarios/${encodeURIComponent(id)}`;
type Versioned = Pick<Scenario, 'id' | 'rev'>;

/** Every scenario the user may read (an ARS account: its region's), the last changed first. */
export const scenarios = async () => (await getAll<ScenarioView>('/api/scenarios')).items;
export const scenarioById = (id: string) => get<ScenarioView>(at(id));

/** `from`: 'empty', 'plan', or the id of the scenario to copy. */
export const createScenario = async (body: { name: string; envelopeIds: string[]; from: string }) =>
  (await send<ScenarioView>('POST', '/api/scenarios', body)).data;

export const renameScenario = async (s: Versioned, name: string) =>
  (await send<ScenarioView>('PATCH', at(s.id), { name }, ifMatch(s.rev))).data;

/** Takes the plan as it now stands as the scenario's basis (« Recaler sur le plan »). */
export const rebaseScenario = async (s: Versioned) =>
  (await send<ScenarioView>('PATCH', at(s.id), { rebase: true }, ifMatch(s.rev))).data;

export const deleteScenario = async (s: Versioned) => {
  await send<null>('DELETE', at(s.id), undefined, ifMatch(s.rev));
};

/** A scenario's lines on one envelope, every page of them. */
export const scenarioLines = async (id: string, envelopeId: string) =>
  (await getAll<ScenarioLine>(`${at(id)}/lines`, { envelopeId })).items;

export const lineById = (scenarioId: string, lineId: string) =>
  get<ScenarioLine>(`${at(scenarioId)}/lines/${encodeURIComponent(lineId)}`);

export type LineInput = Pick<ScenarioLine, 'envelopeId' | 'finess' | 'actionId' | 'amounts'>;

export const addLine = async (scenarioId: string, input: LineInput) =>
  (await send<ScenarioLine>('POST', `${at(scenarioId)}/lines`, input)).data;

export const saveLine = async (l: ScenarioLine, amounts: YearAmounts) =>
  (
    await send<ScenarioLine>(
      'PATCH',
      `${at(l.scenarioId)}/lines/${encodeURIComponent(l.id)}`,
      { amounts },
      ifMatch(l.rev),
    )
  ).data;

export const removeLine = async (l: ScenarioLine) => {
  await send<null>('DELETE', `${at(l.scenarioId)}/lines/${encodeURIComponent(l.id)}`, undefined, ifMatch(l.rev));
};

/** What a distribution rule is asked; amounts in cents. */
export type DistributionBody = DistributionInput;
export type Distribution = DistributionResult & { preview: boolean };

/** `preview`: the same shares through the same checks, nothing written; `offset`: the page of shares. */
export const distribute = async (scenarioId: string, body: DistributionBody, { preview = false, offset = 0 } = {}) =>
  (
    await send<Distribution>('POST', `${at(scenarioId)}/distribute${preview ? '?preview=1' : ''}`, {
      ...body,
      page: { offset, limit: 50 },
    })
  ).data;

/** The plan and the scenarios `ids` side by side (at most three); `limit`: beneficiaries listed. */
export const compareScenarios = (ids: readonly string[], limit = 20) =>
  get<Comparison>('/api/scenarios/compare', { ids: ids.join(','), limit });

/** `dryRun`: what the promotion would add, change and withdraw, nothing written. */
export const promoteScenario = async (s: Versioned, { dryRun }: { dryRun: boolean }) =>
  (await send<Promotion>('POST', `${at(s.id)}/promote${dryRun ? '?dryRun=1' : ''}`, undefined, ifMatch(s.rev))).data;
