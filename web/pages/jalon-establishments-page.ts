// <jalon-establishments-page>: search establishments by name or FINESS, filter by region,
// category and priority, page through them; planners create and edit them. Filters and page
// live in the URL.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Me } from '../../server/contract/auth.js';
import type { Establishment } from '../../server/contract/plan.js';
import { establishmentsPage } from '../api/catalog.js';
import '../components/jalon-establishment-form.js';
import { cardTable } from '../lib/catalog-form.js';
import { fire, type JalonEvent } from '../lib/fire.js';
import { pager } from '../lib/pager.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';
import { readParams, writeParams } from '../lib/url.js';
import { t } from '../i18n/establishments.js';

const s = t.establishments;
const KEYS = ['q', 'region', 'category', 'priority', 'offset'] as const;
type Filters = Record<(typeof KEYS)[number], string>;
const PAGE = 25;

@customElement('jalon-establishments-page')
export class JalonEstablishmentsPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    cardTable,
    css`
    :host { display: block; }
    @media (max-width: 720px) { .card { padding: 16px; } .head { margin-bottom: 16px; } }
    .head { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; justify-content: space-between; }
    .filters { display: grid; grid-template-columns: minmax(200px, 2fr) repeat(3, minmax(150px, 1fr)) auto; gap: 12px; align-items: start; }
    .filters .reset { padding-top: 28px; }
    .list { min-height: 640px; }
    td { vertical-align: middle; }
    .finess { font-variant-numeric: tabular-nums; white-space: nowrap; }
    @media (max-width: 1100px) { .filters { grid-template-columns: repeat(2, minmax(0, 1fr)); } .filters .q { grid-column: 1 / -1; } }
    @media (max-width: 720px) { .filters { grid-template-columns: 1fr; } .filters .reset { padding-top: 0; } }
  `,
  ];

  @property({ attribute: false }) me?: Me;
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  @state() private _f: Filters = readParams(KEYS);
  @state() private _q = this._f.q;
  /** The FINESS whose form is open ('' : a new one), or null. */
  @state() private _editing: string | null = null;
  @state() private _notice = '';
  private _debounce = 0;

  private get _canEdit() {
    return this.me?.user.role === 'planner';
  }

  private _regions = new Task(this, {
    task: ([reference]) => reference.regions(),
    args: () => [this._plan.reference] as const,
  });

  private _page = new Task(this, {
    task: ([f]) =>
      establishmentsPage(
        { q: f.q, region: f.region, category: f.category, priority: f.priority },
        PAGE,
        Number(f.offset) || 0,
      ),
    args: () => [this._f, this._plan.version, this._plan.reference] as const,
  });

  override connectedCallback() {
    super.connectedCallback();
    this.addEventListener('catalog-saved', this._onSaved as EventListener);
    this.addEventListener('form-close', this._onClose);
  }

  override disconnectedCallback() {
    this.removeEventListener('catalog-saved', this._onSaved as EventListener);
    this.removeEventListener('form-close', this._onClose);
    clearTimeout(this._debounce);
    super.disconnectedCallback();
  }

  private _onSaved = (ev: JalonEvent<'catalog-saved'>) => {
    ev.stopPropagation();
    this._notice = ev.detail.message;
    const id = this._editing;
    this._editing = null;
    // the establishment index (other pages' pickers) is read again, and so is this list
    fire(this, 'reference-changed', undefined);
    void this._focus(id ? `#edit-${id}` : '#new', true);
  };

  private _onClose = (ev: Event) => {
    ev.stopPropagation();
    const id = this._editing;
    this._editing = null;
    void this._focus(id ? `#edit-${id}` : '#new');
  };

  private async _focus(selector: string, reloaded = false) {
    await this.updateComplete;
    if (reloaded) {
      await this._page.taskComplete.catch(() => {});
      await this.updateComplete;
    }
    (
      this.renderRoot.querySelector<HTMLElement>(selector) ?? this.renderRoot.querySelector<HTMLElement>('#new')
    )?.focus();
  }

  private _open(finess: string) {
    this._editing = finess;
    this._notice = '';
    void this.updateComplete.then(async () => {
      const form = this.renderRoot.querySelector('jalon-establishment-form');
      await form?.updateComplete;
      form?.renderRoot.querySelector<HTMLElement>('input')?.focus();
    });
  }

  private _set(patch: Partial<Filters>) {
    // a new filter starts at the first page
    this._f = { ...this._f, offset: '', ...patch };
    writeParams(this._f);
  }

  private _onSearch(v: string) {
    this._q = v;
    clearTimeout(this._debounce);
    this._debounce = window.setTimeout(() => this._set({ q: v.trim() }), 250);
  }

  private _select(
    id: string,
    label: string,
    key: 'region' | 'category' | 'priority',
    options: Array<[string, string]>,
    all: string,
  ) {
    return html`<div class="field"><label for=${id}>${label}</label>
      <select id=${id} @change=${(e: Event) => this._set({ [key]: (e.target as HTMLSelectElement).value })}>
        <option value="" ?selected=${!this._f[key]}>${all}</option>
        ${options.map(([v, l]) => html`<option value=${v} ?selected=${this._f[key] === v}>${l}</option>`)}
      </select></div>`;
  }

  private _filters() {
    const regions = this._regions.value ?? [];
    const any = Object.values(this._f).some(Boolean);
    return html`<form class="filters" role="search" aria-label=${s.filters} @submit=${(e: Event) => e.preventDefault()}>
      <div class="field q"><label for="est-q">${s.search}</label>
        <input id="est-q" type="search" .value=${this._q} aria-describedby="est-q-hint" autocomplete="off"
          @input=${(e: InputEvent) => this._onSearch((e.target as HTMLInputElement).value)}>
        <span class="hint" id="est-q-hint">${s.searchHint}</span></div>
      ${this._select(
        'est-region',
        t.common.region,
        'region',
        regions.map((r) => [r.code, r.name]),
        t.common.allRegions,
      )}
      ${this._select('est-category', t.common.category, 'category', Object.entries(t.categories), t.common.allFeminine)}
      ${this._select(
        'est-priority',
        t.common.priorityFilter,
        'priority',
        [
          ['true', t.common.priorityOnly],
          ['false', t.common.nonPriority],
        ],
        t.common.all,
      )}
      <div class="field reset"><button class="btn secondary" type="button" ?disabled=${!any} @click=${() => {
        this._q = '';
        this._set({ q: '', region: '', category: '', priority: '' });
      }}>${s.reset}</button></div>
    </form>`;
  }

  private _row(e: Establishment, regionName: Map<string, string>) {
    return html`<tr data-finess=${e.finess}>
      <td data-label=${s.finess} class="finess">${e.finess}</td>
      <th scope="row">${e.name}</th>
      <td data-label=${t.common.category}>${t.categories[e.category]}</td>
      <td data-label=${t.common.region}>${regionName.get(e.region) ?? e.region}</td>
      <td data-label=${s.priority}>${e.priority ? html`<span class="badge info">${t.priority}</span>` : s.no}</td>
      <td data-label=${s.finessEj} class="finess">${e.finessEj ?? t.common.none}</td>
      <td data-label=${s.ght}>${e.ght || t.common.none}</td>
      ${
        this._canEdit
          ? html`<td><button class="btn secondary small" id="edit-${e.finess}" type="button" aria-label=${s.editLabel(e.name)} @click=${() => this._open(e.finess)}>${s.edit}</button></td>`
          : nothing
      }
    </tr>`;
  }

  override render() {
    const regionName = new Map((this._regions.value ?? []).map((r) => [r.code, r.name]));
    const editing = this._editing;
    const current = editing ? this._page.value?.items.find((e) => e.finess === editing) : undefined;
    const offset = Number(this._f.offset) || 0;
    return html`<div class="head"><div><h1>${s.title}</h1><p class="lead">${s.intro}</p>
        ${this._canEdit ? nothing : html`<p class="hint">${s.readOnly}</p>`}</div>
        ${this._canEdit && editing !== '' ? html`<button class="btn" id="new" type="button" @click=${() => this._open('')}>${s.create}</button>` : nothing}
      </div>
      ${
        editing !== null && (editing === '' || current)
          ? html`<section class="card"><jalon-establishment-form .establishment=${current} .regions=${this._regions.value ?? []}></jalon-establishment-form></section>`
          : nothing
      }
      <div role="status" aria-live="polite">${this._notice ? html`<div class="alert success"><p>${this._notice}</p></div>` : nothing}</div>
      <div class="card">${this._filters()}</div>
      <div class="card list">${renderTask(
        this._page,
        (page) => html`<div class="table-box"><table class="cards" data-testid="establishments-table">
          <caption aria-live="polite">${page.total ? s.count(page.total) : s.none}</caption>
          <thead><tr><th scope="col">${s.finess}</th><th scope="col">${s.name}</th><th scope="col">${t.common.category}</th>
            <th scope="col">${t.common.region}</th><th scope="col">${s.priority}</th><th scope="col">${s.finessEj}</th><th scope="col">${s.ght}</th>
            ${this._canEdit ? html`<th scope="col"><span class="sr-only">${t.common.actions}</span></th>` : nothing}</tr></thead>
          <tbody>${page.items.map((e) => this._row(e, regionName))}</tbody></table></div>
          ${pager({
            offset,
            size: PAGE,
            shown: page.items.length,
            total: page.total,
            go: (o) => this._set({ offset: o ? String(o) : '' }),
            testid: 'establishments-range',
          })}`,
        { keepValue: true },
      )}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-establishments-page': JalonEstablishmentsPage;
  }
}
