// <jalon-scenarios-page>: the planners' drafts (« Scénarios »). Without parameters, the list (name,
// author, envelopes, lines, total, stale or not, promoted or not), the creation form and the
// choice of up to three to compare. `?id=`: one scenario, its lines in the allocation grid, its
// distribution rules and its promotion. `?compare=a,b`: the plan and those scenarios side by side.
// Planners write (an ARS planner its region's, which the API alone returns); reviewers read.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Me } from '../../server/contract/auth.js';
import { compareScenarios, scenarioById, scenarios } from '../api/scenarios.js';
import '../components/jalon-scenario-form.js';
import '../components/jalon-scenario-list.js';
import '../components/jalon-scenario-view.js';
import { fire, type JalonEvent } from '../lib/fire.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import type { ScenarioReference } from '../lib/scenarios.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';
import { readParams } from '../lib/url.js';
import { arsLabel } from '../../shared/regions.js';
import { t } from '../i18n/scenarios.js';

const s = t.scenarios;
const PARAMS = ['id', 'compare'] as const;

@customElement('jalon-scenarios-page')
export class JalonScenariosPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    .head { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; justify-content: space-between; }
    h1:focus { outline: none; }
    @media (max-width: 720px) { .card { padding: 16px; } }
  `,
  ];

  @property({ attribute: false }) me?: Me;
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  @state() private _params = readParams(PARAMS);
  /** Bumped by every write made here: the list and the scenario are read again. */
  @state() private _version = 0;
  @state() private _notice = '';
  @state() private _creating = false;

  private get _canWrite() {
    return this.me?.user.role === 'planner';
  }
  private get _compareIds() {
    return this._params.compare.split(',').filter(Boolean);
  }

  private _reference = new Task(this, {
    task: async ([reference]): Promise<ScenarioReference> => {
      const [envelopes, actions, regions, ests, pooled] = await Promise.all([
        reference.envelopes(),
        reference.actions(),
        reference.regions(),
        reference.establishmentIndex(),
        reference.pooledIndex(),
      ]);
      return {
        envelopes,
        envelopeMap: new Map(envelopes.map((e) => [e.id, e])),
        actions,
        actionMap: new Map(actions.map((a) => [a.id, a])),
        regions,
        regionNames: new Map(regions.map((r) => [r.code, r.name])),
        ests,
        pooled,
      };
    },
    args: () => [this._plan.reference] as const,
  });

  /** The list, also for a scenario's view (« Comparer » and a copy's source name it). */
  private _list = new Task(this, {
    task: () => scenarios(),
    args: () => [this._version, this._plan.version] as const,
  });

  private _scenario = new Task(this, {
    task: ([id]) => (id ? scenarioById(id) : Promise.resolve(null)),
    args: () => [this._params.id, this._version, this._plan.version] as const,
  });

  /** The comparison's element brings chart.js: loaded with the first comparison only. */
  private _comparison = new Task(this, {
    task: async ([ids]) => {
      if (!ids) return null;
      const [cmp] = await Promise.all([
        compareScenarios(ids.split(',')),
        import('../components/jalon-scenario-compare.js'),
      ]);
      return cmp;
    },
    args: () => [this._params.compare, this._version, this._plan.version] as const,
  });

  private _onPop = () => {
    const next = readParams(PARAMS);
    if (next.id === this._params.id && next.compare === this._params.compare) return;
    this._params = next;
    this._creating = false;
    this._notice = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h1')?.focus());
  };

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('popstate', this._onPop);
    this.addEventListener('scenario-saved', this._onSaved as EventListener);
    this.addEventListener('form-close', this._onClose);
    this.addEventListener('scenario-lines-changed', this._onLines);
  }

  override disconnectedCallback() {
    removeEventListener('popstate', this._onPop);
    this.removeEventListener('scenario-saved', this._onSaved as EventListener);
    this.removeEventListener('form-close', this._onClose);
    this.removeEventListener('scenario-lines-changed', this._onLines);
    super.disconnectedCallback();
  }

  private _onSaved = (e: JalonEvent<'scenario-saved'>) => {
    e.stopPropagation();
    const { scenario, message } = e.detail;
    const created = this._creating;
    this._creating = false;
    this._version++;
    // a new scenario: its page; a deleted one: the list (the notice after the move, which clears it)
    if (created && scenario) fire(this, 'navigate', { path: `/scenarios?id=${encodeURIComponent(scenario.id)}` });
    else if (!scenario) fire(this, 'navigate', { path: '/scenarios' });
    this._notice = message;
  };

  /** Lines written: the scenario's count, total and staleness are read again (the view keeps its lines). */
  private _onLines = (e: Event) => {
    e.stopPropagation();
    this._version++;
  };

  private _onClose = (e: Event) => {
    e.stopPropagation();
    this._creating = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#new')?.focus());
  };

  private async _create() {
    this._creating = true;
    this._notice = '';
    await this.updateComplete;
    const form = this.renderRoot.querySelector('jalon-scenario-form');
    await form?.updateComplete;
    form?.renderRoot.querySelector<HTMLElement>('input')?.focus();
  }

  private _noticeBox() {
    return html`<div role="status" aria-live="polite" data-testid="page-notice">${this._notice ? html`<div class="alert success"><p>${this._notice}</p></div>` : nothing}</div>`;
  }

  override render() {
    return renderTask(this._reference, (r) =>
      this._params.compare ? this._compareView(r) : this._params.id ? this._scenarioView(r) : this._listView(r),
    );
  }

  private _listView(r: ScenarioReference) {
    const region = this.me?.user.region;
    return html`<div class="head"><div><h1 tabindex="-1">${s.title}</h1><p class="lead">${s.intro}</p>
        ${this._canWrite ? nothing : html`<p class="hint" data-testid="read-only">${s.readOnly}</p>`}
        ${region ? html`<p class="hint" data-testid="region-scope">${s.regionScope(arsLabel(region))}</p>` : nothing}</div>
        ${this._canWrite && !this._creating ? html`<button class="btn" id="new" type="button" @click=${() => this._create()}>${s.create}</button>` : nothing}
      </div>
      ${this._creating ? html`<section class="card"><jalon-scenario-form .envelopes=${r.envelopes} .scenarios=${this._list.value ?? []}></jalon-scenario-form></section>` : nothing}
      ${this._noticeBox()}
      <section class="card">${renderTask(
        this._list,
        (items) => html`<jalon-scenario-list .items=${items} .envelopes=${r.envelopeMap}></jalon-scenario-list>`,
        { keepValue: true },
      )}</section>`;
  }

  private _scenarioView(r: ScenarioReference) {
    return html`${this._noticeBox()}${renderTask(
      this._scenario,
      (sc) =>
        sc
          ? html`<jalon-scenario-view .scenario=${sc} .reference=${r} ?can-write=${this._canWrite}
              .sources=${this._list.value ?? []}></jalon-scenario-view>`
          : nothing,
      { keepValue: true },
    )}`;
  }

  private _compareView(r: ScenarioReference) {
    return html`${renderTask(
      this._comparison,
      (cmp) =>
        cmp
          ? html`<jalon-scenario-compare .comparison=${cmp} .ids=${this._compareIds} .reference=${r}></jalon-scenario-compare>`
          : nothing,
      { keepValue: true },
    )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-scenarios-page': JalonScenariosPage;
  }
}
