// <jalon-delegations-page>: an envelope's delegations to the ARS. One round (a reference and its
// notification date) as an 18 regions × 5 years grid that national planners edit like the
// allocation grid; the envelope's position (delegated, national reserve) and each delegated
// region's consumption, from the envelope's budget; export and import of the table.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Me } from '../../server/contract/auth.js';
import type { DelegatedBudget, Delegation, PlanYear, YearAmounts } from '../../server/contract/plan.js';
import { ApiError } from '../api/client.js';
import {
  createDelegation,
  delegatedBudget,
  delegationsExport,
  delegationsOf,
  allDelegations,
  updateDelegation,
} from '../api/delegations.js';
import '../components/jalon-delegation-grid.js';
import '../components/jalon-delegation-import.js';
import '../components/jalon-delegation-table.js';
import type { DelegationLine } from '../components/jalon-delegation-table.js';
import '../components/jalon-export-links.js';
import { t } from '../i18n/delegations.js';
import type { EditOutcome, JalonEvent } from '../lib/fire.js';
import { formatDate, formatEuros } from '../lib/format.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';
import { readParams, writeParams } from '../lib/url.js';
import { YEARS } from '../lib/years.js';

const d = t.delegations;
/** The round select's value for a round not yet delegated (its reference typed in). */
const NEW = '\u0000new';
const ALL = '';

interface Data {
  envelopeId: string;
  delegations: Delegation[];
  budget: DelegatedBudget;
}

@customElement('jalon-delegations-page')
export class JalonDelegationsPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
      :host { display: block; }
      .fields { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(240px, 100%), 1fr)); gap: 16px; margin-bottom: 16px; }
      .card-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 8px 16px; flex-wrap: wrap; }
      .scroller { overflow-x: auto; }
      .position table { min-width: 720px; font-size: 0.875rem; }
      .position th, .position td { padding: 6px 8px; }
      section.card { margin-bottom: 24px; min-width: 0; }
      @media (max-width: 720px) { .card { padding: 16px; } }
    `,
  ];

  @property({ attribute: false }) me?: Me;
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  @state() private _f = readParams(['envelopeId', 'reference'] as const);
  @state() private _round: string | null = null;
  @state() private _newRef = '';
  @state() private _newDate = '';
  @state() private _version = 0;

  private get _canEdit() {
    // an ARS planner reads them: envelopes and delegations are national (the API answers 403)
    return this.me?.user.role === 'planner' && !this.me.user.region;
  }

  private _refs = new Task(this, {
    task: ([reference]) => Promise.all([reference.envelopes(), reference.regions(), allDelegations()]),
    args: () => [this._plan.reference] as const,
  });

  private _data = new Task(this, {
    task: async ([envelopeId]): Promise<Data | null> => {
      if (!envelopeId) return null;
      const [delegations, budget] = await Promise.all([delegationsOf(envelopeId), delegatedBudget(envelopeId)]);
      return { envelopeId, delegations, budget };
    },
    args: () => [this._envelopeId(), this._version, this._plan.version] as const,
  });

  private _envelopeId(): string {
    const [envs = [], , delegated = []] = this._refs.value ?? [];
    if (envs.some((e) => e.id === this._f.envelopeId)) return this._f.envelopeId;
    // without a choice in the URL: the first envelope that is delegated, else the first one
    return envs.find((e) => delegated.some((d) => d.envelopeId === e.id))?.id ?? envs[0]?.id ?? '';
  }

  /** The rounds of the envelope, first notified first. */
  private _rounds(ds: Delegation[]): Array<{ reference: string; notifiedOn: string }> {
    const out = new Map<string, string>();
    for (const x of ds)
      if (!out.has(x.reference) || x.notifiedOn < out.get(x.reference)!) out.set(x.reference, x.notifiedOn);
    return [...out]
      .map(([reference, notifiedOn]) => ({ reference, notifiedOn }))
      .sort((a, b) => a.notifiedOn.localeCompare(b.notifiedOn));
  }

  /** The round shown: the one chosen, else the URL's, else the last notified (a new one for a
   *  planner when there is none, all of them for a reader). */
  private _shown(ds: Delegation[]): string {
    const rounds = this._rounds(ds).map((r) => r.reference);
    const pick = this._round ?? this._f.reference;
    if (pick === NEW && this._canEdit) return NEW;
    if (pick === ALL && this._round !== null) return ALL;
    if (rounds.includes(pick)) return pick;
    return rounds.at(-1) ?? (this._canEdit ? NEW : ALL);
  }

  private _setEnvelope(id: string) {
    this._f = { envelopeId: id, reference: '' };
    this._round = null;
    writeParams(this._f);
  }

  private _setRound(v: string) {
    this._round = v;
    this._f = { ...this._f, reference: v === NEW ? '' : v };
    writeParams(this._f);
  }

  private _onChange = (ev: JalonEvent<'delegation-change'>) => {
    ev.stopPropagation();
    ev.detail.respond(this._save(ev.detail.region, ev.detail.year, ev.detail.cents));
  };
  private _onImported = (ev: Event) => {
    ev.stopPropagation();
    this._version++;
  };

  private async _save(region: string, year: PlanYear, cents: number): Promise<EditOutcome> {
    const data = this._data.value;
    if (!data) return { ok: false, error: t.errors.generic };
    const shown = this._shown(data.delegations);
    const rounds = this._rounds(data.delegations);
    const reference = shown === NEW ? this._newRef.trim() : shown;
    const notifiedOn = shown === NEW ? this._newDate : (rounds.find((r) => r.reference === shown)?.notifiedOn ?? '');
    if (!reference || !notifiedOn) return { ok: false, error: d.needReference };
    const cur = data.delegations.find((x) => x.region === region && x.reference === reference);
    const name = data.budget.regions.find((r) => r.region === region)?.name ?? region;
    try {
      if (cur) {
        const amounts: YearAmounts = { ...cur.amounts };
        if (cents) amounts[year] = cents;
        else delete amounts[year];
        await updateDelegation(cur, { amounts });
      } else if (cents)
        await createDelegation({
          envelopeId: data.envelopeId,
          region,
          amounts: { [year]: cents },
          reference,
          notifiedOn,
        });
      if (shown === NEW) this._setRound(reference);
      this._version++;
      await this.updateComplete;
      await this._data.taskComplete.catch(() => {});
      return { ok: true, message: d.saved(name, year, formatEuros(cents)) };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return { ok: false, error: e.fieldMessage(`amounts.${year}`) ?? e.message, conflict: e.status === 412 };
    }
  }

  override render() {
    const [envs] = this._refs.value ?? [[]];
    const envelopeId = this._envelopeId();
    return html`<h1>${d.title}</h1><p class="lead">${d.intro}</p>
      ${this._canEdit ? nothing : html`<p class="hint" data-testid="read-only">${d.readOnly}</p>`}
      ${renderTask(this._refs, () =>
        envs.length
          ? html`<div class="fields"><div class="field"><label for="dl-env">${t.common.envelope}</label>
              <select id="dl-env" @change=${(e: Event) => this._setEnvelope((e.target as HTMLSelectElement).value)}>
                ${envs.map((e) => html`<option value=${e.id} ?selected=${e.id === envelopeId}>${e.code} — ${e.name}</option>`)}</select></div>
              ${this._data.value ? this._roundFields(this._data.value) : nothing}</div>
            ${renderTask(this._data, (v) => (v ? this._body(v) : nothing), { keepValue: true })}`
          : html`<p>${d.noEnvelope}</p>`,
      )}`;
  }

  private _roundFields(data: Data) {
    const shown = this._shown(data.delegations);
    const rounds = this._rounds(data.delegations);
    return html`<div class="field"><label for="dl-round">${d.round}</label>
        <select id="dl-round" @change=${(e: Event) => this._setRound((e.target as HTMLSelectElement).value)}>
          ${rounds.map((r) => html`<option value=${r.reference} ?selected=${r.reference === shown}>${r.reference} (${formatDate(r.notifiedOn)})</option>`)}
          <option value=${ALL} ?selected=${shown === ALL}>${d.allRounds}</option>
          ${this._canEdit ? html`<option value=${NEW} ?selected=${shown === NEW}>${d.newRound}</option>` : nothing}
        </select></div>
      ${
        shown === NEW
          ? html`<div class="field"><label for="dl-ref">${d.reference}</label><span class="hint" id="dl-ref-hint">${d.referenceHint}</span>
              <input id="dl-ref" aria-describedby="dl-ref-hint" .value=${this._newRef} @input=${(e: Event) => (this._newRef = (e.target as HTMLInputElement).value)}></div>
            <div class="field"><label for="dl-date">${d.notifiedOn}</label>
              <input id="dl-date" type="date" .value=${this._newDate} @input=${(e: Event) => (this._newDate = (e.target as HTMLInputElement).value)}></div>`
          : nothing
      }`;
  }

  private _body(data: Data) {
    const shown = this._shown(data.delegations);
    const b = data.budget;
    const regions = [...b.regions]
      .filter((r) => /^\d{2}$/.test(r.region))
      .map((r) => ({ code: r.region, name: r.name }));
    const amounts = new Map<string, YearAmounts>();
    for (const x of data.delegations) {
      if (shown !== ALL && x.reference !== (shown === NEW ? this._newRef.trim() : shown)) continue;
      const a = amounts.get(x.region) ?? amounts.set(x.region, {}).get(x.region)!;
      for (const y of YEARS) if (x.amounts[y]) a[y] = (a[y] ?? 0) + x.amounts[y];
    }
    const editable = this._canEdit && shown !== ALL;
    const roundName = shown === ALL ? d.allRounds : shown === NEW ? this._newRef || d.newRound : shown;
    const lines: DelegationLine[] = b.regions
      .filter((r) => r.hasDelegation)
      .map((r) => ({
        key: r.region,
        label: r.name,
        delegatedCents: r.delegatedCents,
        allocatedCents: r.allocatedCents,
        approvedCents: r.approvedCents,
        paidCents: r.paidCents,
        remainingCents: r.remainingCents ?? 0,
      }));
    const reserve: DelegationLine = {
      key: 'reserve',
      label: d.reserveRow,
      delegatedCents: b.reserve.totalCents,
      allocatedCents: b.reserve.allocatedCents,
      approvedCents: b.reserve.approvedCents,
      paidCents: b.reserve.paidCents,
      remainingCents: b.reserve.remainingCents,
    };
    return html`
      <section class="card" aria-labelledby="dl-grid-title">
        <div class="card-head"><h2 id="dl-grid-title">${roundName}</h2>
          <jalon-export-links subject=${d.exportSubject} .links=${delegationsExport(data.envelopeId, shown === ALL || shown === NEW ? undefined : shown)}></jalon-export-links></div>
        ${shown === ALL && this._canEdit ? html`<p class="hint">${d.allRoundsHint}</p>` : nothing}
        <jalon-delegation-grid .regions=${regions} .amounts=${amounts} ?editable=${editable} label=${d.gridLabel(roundName)}
          @delegation-change=${this._onChange}></jalon-delegation-grid>
      </section>
      <section class="card position" aria-labelledby="dl-pos-title"><h2 id="dl-pos-title">${d.position}</h2>${this._position(b)}</section>
      <section class="card" aria-labelledby="dl-use-title"><h2 id="dl-use-title">${d.consumption}</h2><p class="hint">${d.consumptionDesc}</p>
        <jalon-delegation-table .rows=${lines} .reserve=${lines.length ? reserve : null}></jalon-delegation-table></section>
      ${
        this._canEdit
          ? html`<section class="card" @delegations-changed=${this._onImported}>
              <jalon-delegation-import envelopeId=${data.envelopeId} reference=${shown === NEW ? this._newRef : shown === ALL ? '' : shown}
                notifiedOn=${shown === NEW ? this._newDate : (this._rounds(data.delegations).find((r) => r.reference === shown)?.notifiedOn ?? '')}
                .regionNames=${new Map(regions.map((r) => [r.code, r.name]))}></jalon-delegation-import></section>`
          : nothing
      }`;
  }

  /** Per year and in total: the envelope, what is delegated, the national reserve and what is left on it. */
  private _position(b: DelegatedBudget) {
    const delegated = YEARS.map((y) => b.regions.reduce((s, r) => s + r.years[y].delegatedCents, 0));
    const money = (v: number | null) => (v === null ? t.money.noYearBudget : formatEuros(v));
    const row = (label: string, years: Array<number | null>, total: number, testid: string) =>
      html`<tr data-testid=${testid}><th scope="row">${label}</th>${years.map((v) => html`<td class="num">${money(v)}</td>`)}<td class="num">${formatEuros(total)}</td></tr>`;
    return html`<div class="scroller" tabindex="0" role="region" aria-label=${d.positionByYear}><table>
      <thead><tr><th scope="col"><span class="sr-only">${d.position}</span></th>${YEARS.map((y) => html`<th scope="col" class="num">${y}</th>`)}<th scope="col" class="num">${t.common.total}</th></tr></thead>
      <tbody>
        ${row(
          d.envelopeTotal,
          YEARS.map((y) => b.years[y].budgetCents),
          b.totalCents,
          'pos-envelope',
        )}
        ${row(d.delegatedAll, delegated, b.delegatedCents, 'pos-delegated')}
        ${row(
          d.reserve,
          YEARS.map((y) => b.reserve.years[y].budgetCents),
          b.reserve.totalCents,
          'pos-reserve',
        )}
        ${row(
          d.reserveRemaining,
          YEARS.map((y) => b.reserve.years[y].remainingCents),
          b.reserve.remainingCents,
          'pos-reserve-left',
        )}
      </tbody></table></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-delegations-page': JalonDelegationsPage;
  }
}
