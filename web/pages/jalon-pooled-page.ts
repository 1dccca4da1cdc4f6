// <jalon-pooled-page>: the pooled regional resources (« ressources mutualisées »), each with its
// SIRET, its region and the establishments it serves; national planners create, edit and delete
// them (If-Match; the API's refusals beside their field: the SIRET's key, the region, each served
// establishment), other staff read them, an ARS account its region's. A region filter lives in the URL.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Me } from '../../server/contract/auth.js';
import type { PooledResource } from '../../server/contract/plan.js';
import { deletePooled, pooledResources } from '../api/ghts.js';
import { CatalogController } from '../controllers/catalog-controller.js';
import '../components/jalon-pooled-form.js';
import { cardTable } from '../lib/catalog-form.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';
import { readParams, writeParams } from '../lib/url.js';
import { t } from '../i18n/ghts.js';

const s = t.pooled;
const KEYS = ['region'] as const;

@customElement('jalon-pooled-page')
export class JalonPooledPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    cardTable,
    css`
    :host { display: block; }
    .head { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; justify-content: space-between; }
    .filters { max-width: 360px; }
    td, th { vertical-align: top; }
    .finess { font-variant-numeric: tabular-nums; color: var(--muted); white-space: nowrap; }
    ul.members { margin: 0; padding-left: 1.25rem; }
    .tools { display: flex; flex-wrap: wrap; gap: 8px; }
    .confirm { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
    .confirm p { flex: 1 1 240px; margin: 0; }
    @media (max-width: 720px) { .card { padding: 16px; } }
  `,
  ];

  @property({ attribute: false }) me?: Me;
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  @state() private _f = readParams(KEYS);

  private get _canEdit() {
    return this.me?.user.role === 'planner' && !this.me.user.region;
  }

  private _data = new Task(this, {
    task: async ([reference]) => {
      const [list, regions, establishments] = await Promise.all([
        pooledResources(),
        reference.regions(),
        reference.establishmentIndex(),
      ]);
      return { list, regions, establishments };
    },
    args: () => [this._plan.reference, this._plan.version] as const,
  });

  private _catalog = new CatalogController<PooledResource>(this, {
    formTag: 'jalon-pooled-form',
    reloaded: () => this._data.taskComplete,
    remove: deletePooled,
    deleted: (g) => s.deleted(g.name),
    labels: { ...s, cancel: t.common.cancel },
  });

  private _row(g: PooledResource, regionName: Map<string, string>, d: NonNullable<JalonPooledPage['_data']['value']>) {
    return html`<tr data-siret=${g.siret}>
      <td data-label=${s.siret} class="finess" data-testid="siret">${g.siret}</td>
      <th scope="row">${g.name}</th>
      <td data-label=${t.common.region}>${regionName.get(g.region) ?? g.region}</td>
      <td data-label=${s.serves} data-testid="serves">${
        g.serves.length
          ? html`<ul class="members">${g.serves.map(
              (f) => html`<li>${d.establishments.get(f)?.name ?? f} <span class="finess">${f}</span></li>`,
            )}</ul>`
          : s.servesNone
      }</td>
      ${this._canEdit ? html`<td>${this._catalog.tools(g)}</td>` : nothing}
    </tr>`;
  }

  override render() {
    const d = this._data.value;
    const regionName = new Map((d?.regions ?? []).map((r) => [r.code, r.name]));
    const editing = this._catalog.editing;
    const current = editing ? d?.list.find((g) => g.id === editing) : undefined;
    const notice = this._catalog.notice;
    return html`<div class="head"><div><h1>${s.title}</h1><p class="lead">${s.intro}</p>
        ${this._canEdit ? nothing : html`<p class="hint">${s.readOnly}</p>`}</div>
        ${this._canEdit && editing !== '' ? html`<button class="btn" id="new" type="button" @click=${() => this._catalog.open('')}>${s.create}</button>` : nothing}
      </div>
      ${
        d && editing !== null && (editing === '' || current)
          ? html`<section class="card"><jalon-pooled-form .resource=${current} .regions=${d.regions} .establishments=${d.establishments}></jalon-pooled-form></section>`
          : nothing
      }
      <div role="status" aria-live="polite">${notice ? html`<div class="alert ${notice.kind}"><p>${notice.text}</p></div>` : nothing}</div>
      <div class="card">
        <div class="field filters"><label for="pooled-region">${t.common.region}</label>
          <select id="pooled-region" @change=${(e: Event) => {
            this._f = { region: (e.target as HTMLSelectElement).value };
            writeParams(this._f);
          }}>
            <option value="" ?selected=${!this._f.region}>${t.common.allRegions}</option>
            ${(d?.regions ?? []).map((r) => html`<option value=${r.code} ?selected=${this._f.region === r.code}>${r.name}</option>`)}
          </select></div>
      </div>
      <div class="card">${renderTask(
        this._data,
        (data) => {
          const shown = data.list.filter((g) => !this._f.region || g.region === this._f.region);
          return html`<div class="table-box"><table class="cards" data-testid="pooled-table">
            <caption aria-live="polite">${shown.length ? s.count(shown.length) : s.none}</caption>
            <thead><tr><th scope="col">${s.siret}</th><th scope="col">${s.name}</th><th scope="col">${t.common.region}</th>
              <th scope="col">${s.serves}</th>${this._canEdit ? html`<th scope="col"><span class="sr-only">${t.common.actions}</span></th>` : nothing}</tr></thead>
            <tbody>${shown.map((g) => this._row(g, regionName, data))}</tbody></table></div>`;
        },
        { keepValue: true },
      )}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-pooled-page': JalonPooledPage;
  }
}
