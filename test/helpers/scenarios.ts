// Scenario fixtures: a scenario and its lines with sensible defaults (a national draft of env-a).
import type { Scenario, ScenarioLine } from '../../server/contract/scenarios.js';
import { F1 } from './plan.js';

const meta = { rev: '1', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' };

export const scenario = (id: string, o: Partial<Scenario> = {}): Scenario => ({
  id,
  name: `Scénario ${id}`,
  owner: 'planif@jalon.test',
  envelopeIds: ['env-a'],
  origin: 'empty',
  basis: { at: meta.createdAt, allocationRevs: {} },
  ...meta,
  ...o,
});

export const line = (id: string, scenarioId: string, o: Partial<ScenarioLine> = {}): ScenarioLine => ({
  id,
  scenarioId,
  envelopeId: 'env-a',
  finess: F1,
  actionId: 'act-ad',
  amounts: {},
  ...meta,
  ...o,
});
