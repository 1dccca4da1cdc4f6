// <jalon-ghts-page>: the GHT records, each with its region, its support establishment and its
// members (the establishments whose GHT field is its code); national planners create, edit and
// delete them (If-Match; the API's refusals beside their field), other staff read them, an ARS
// account its region's. A region filter lives in the URL.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Me } from '../../server/contract/auth.js';
import type { Establishment, Ght } from '../../server/contract/plan.js';
import { deleteGht, ghts } from '../api/ghts.js';
import '../components/jalon-ght-form.js';
import { cardTable } from '../lib/catalog-form.js';
import { fire, type JalonEvent } from '../lib/fire.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';
import { readParams, writeParams } from '../lib/url.js';
import { t } from '../i18n/ghts.js';

const s = t.ghts;
const KEYS = ['region'] as const;

@customElement('jalon-ghts-page')
export class JalonGhtsPage extends LitElement {
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
  /** The id of the GHT whose form is open ('': a new one), or null. */
  @state() private _editing: string | null = null;
  @state() private _confirming: string | null = null;
  @state() private _notice: { kind: 'success' | 'error'; text: string; id?: string } | null = null;

  private get _canEdit() {
    return this.me?.user.role === 'planner' && !this.me.user.region;
  }

  private _data = new Task(this, {
    task: async ([reference]) => {
      const [list, regions, establishments] = await Promise.all([
        ghts(),
        reference.regions(),
        reference.establishmentIndex(),
      ]);
      const members = new Map<string, Establishment[]>();
      for (const e of establishments.values()) if (e.ght) members.set(e.ght, [...(members.get(e.ght) ?? []), e]);
      for (const m of members.values()) m.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
      return { list, regions, establishments, members };
    },
    args: () => [this._plan.reference, this._plan.version] as const,
  });

  override connectedCallback() {
    super.connectedCallback();
    this.addEventListener('catalog-saved', this._onSaved as EventListener);
    this.addEventListener('form-close', this._onClose);
  }

  override disconnectedCallback() {
    this.removeEventListener('catalog-saved', this._onSaved as EventListener);
    this.removeEventListener('form-close', this._onClose);
    super.disconnectedCallback();
  }

  private _onSaved = (ev: JalonEvent<'catalog-saved'>) => {
    ev.stopPropagation();
    this._notice = { kind: 'success', text: ev.detail.message };
    const id = this._editing;
    this._editing = null;
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
      await this._data.taskComplete.catch(() => {});
      await this.updateComplete;
    }
    (
      this.renderRoot.querySelector<HTMLElement>(selector) ?? this.renderRoot.querySelector<HTMLElement>('#new')
    )?.focus();
  }

  private _open(id: string) {
    this._editing = id;
    this._confirming = null;
    this._notice = null;
    void this.updateComplete.then(async () => {
      const form = this.renderRoot.querySelector('jalon-ght-form');
      await form?.updateComplete;
      form?.renderRoot.querySelector<HTMLElement>('input, select')?.focus();
    });
  }

  private async _delete(g: Ght) {
    try {
      await deleteGht(g);
      this._confirming = null;
      this._notice = { kind: 'success', text: s.deleted(g.name) };
      fire(this, 'reference-changed', undefined);
      void this._focus('#new', true);
    } catch (err) {
      this._confirming = null;
      this._notice = { kind: 'error', text: (err as Error).message, id: g.id };
      void this._focus(`#delete-${g.id}`);
    }
  }

  private _row(g: Ght, regionName: Map<string, string>, d: NonNullable<JalonGhtsPage['_data']['value']>) {
    const support = d.establishments.get(g.supportFiness);
    const members = d.members.get(g.code) ?? [];
    const refused = this._notice?.kind === 'error' && this._notice.id === g.id ? this._notice.text : '';
    return html`<tr data-ght=${g.code}>
      <th scope="row">${g.name}${g.code !== g.name ? html`<br><span class="finess">${g.code}</span>` : nothing}</th>
      <td data-label=${t.common.region}>${regionName.get(g.region) ?? g.region}</td>
      <td data-label=${s.support} data-testid="support">${support ? support.name : s.unknownSupport(g.supportFiness)}
        <br><span class="finess">${g.supportFiness}</span></td>
      <td data-label=${s.members} data-testid="members">${
        members.length
          ? html`<span class="sr-only">${s.memberCount(members.length)}</span><ul class="members">${members.map(
              (e) => html`<li>${e.name} <span class="finess">${e.finess}</span></li>`,
            )}</ul>`
          : s.noMember
      }</td>
      ${
        this._canEdit
          ? html`<td><div class="tools">
            <button class="btn secondary small" id="edit-${g.id}" type="button" aria-label=${s.editLabel(g.name)} @click=${() => this._open(g.id)}>${s.edit}</button>
            <button class="btn danger small" id="delete-${g.id}" type="button" aria-label=${s.deleteLabel(g.name)}
              @click=${() => {
                this._confirming = g.id;
                this._notice = null;
                void this._focus(`#confirm-${g.id}`);
              }}>${s.delete}</button></div>
            ${
              this._confirming === g.id
                ? html`<div class="alert info confirm" role="group" aria-labelledby="confirm-text-${g.id}">
                  <p id="confirm-text-${g.id}">${s.confirmDelete(g.name)}</p>
                  <button class="btn danger small" id="confirm-${g.id}" type="button" @click=${() => this._delete(g)}>${s.confirm}</button>
                  <button class="btn secondary small" type="button" @click=${() => {
                    this._confirming = null;
                    void this._focus(`#delete-${g.id}`);
                  }}>${t.common.cancel}</button></div>`
                : nothing
            }
            <div role="alert">${refused ? html`<div class="alert error" data-testid="refusal"><p>${refused}</p></div>` : nothing}</div></td>`
          : nothing
      }
    </tr>`;
  }

  override render() {
    const d = this._data.value;
    const regionName = new Map((d?.regions ?? []).map((r) => [r.code, r.name]));
    const editing = this._editing;
    const current = editing ? d?.list.find((g) => g.id === editing) : undefined;
    const notice = this._notice && !this._notice.id ? this._notice : null;
    return html`<div class="head"><div><h1>${s.title}</h1><p class="lead">${s.intro}</p>
        ${this._canEdit ? nothing : html`<p class="hint">${s.readOnly}</p>`}</div>
        ${this._canEdit && editing !== '' ? html`<button class="btn" id="new" type="button" @click=${() => this._open('')}>${s.create}</button>` : nothing}
      </div>
      ${
        d && editing !== null && (editing === '' || current)
          ? html`<section class="card"><jalon-ght-form .ght=${current} .regions=${d.regions} .establishments=${d.establishments}></jalon-ght-form></section>`
          : nothing
      }
      <div role="status" aria-live="polite">${notice ? html`<div class="alert ${notice.kind}"><p>${notice.text}</p></div>` : nothing}</div>
      <div class="card">
        <div class="field filters"><label for="ght-region">${t.common.region}</label>
          <select id="ght-region" @change=${(e: Event) => {
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
          return html`<div class="table-box"><table class="cards" data-testid="ghts-table">
            <caption aria-live="polite">${shown.length ? s.count(shown.length) : s.none}</caption>
            <thead><tr><th scope="col">${s.name}</th><th scope="col">${t.common.region}</th><th scope="col">${s.support}</th>
              <th scope="col">${s.members}</th>${this._canEdit ? html`<th scope="col"><span class="sr-only">${t.common.actions}</span></th>` : nothing}</tr></thead>
            <tbody>${shown.map((g) => this._row(g, regionName, data))}</tbody></table></div>`;
        },
        { keepValue: true },
      )}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-ghts-page': JalonGhtsPage;
  }
}
