// <jalon-envelopes-page>: the funding envelopes — status, source, earmark and position per year
// (budget, allocated, approved, paid, remaining) for each; planners create, edit and delete them
// (a deletion is confirmed first, and refused while the envelope holds allocations).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import type { Me } from '../../server/contract/auth.js';
import type { Action, Envelope, EnvelopeBudget, Region } from '../../server/contract/plan.js';
import { deleteEnvelope } from '../api/catalog.js';
import { envelopeBudget } from '../api/plan.js';
import '../components/jalon-budget-summary.js';
import '../components/jalon-envelope-form.js';
import { fire, type JalonEvent } from '../lib/fire.js';
import { formatEuros } from '../lib/format.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';
import { t } from '../i18n/envelopes.js';

const e = t.envelopes;

interface Refs {
  envelopes: Envelope[];
  actions: Action[];
  regions: Region[];
  budgets: Map<string, EnvelopeBudget>;
}

@customElement('jalon-envelopes-page')
export class JalonEnvelopesPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    .head { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; justify-content: space-between; }
    .list { min-height: 60vh; }
    .env-head { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: baseline; justify-content: space-between; }
    .env-head h2 { margin: 0; }
    .tools { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 20px; }
    dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 4px 16px; margin: 12px 0 16px; }
    dt { font-weight: 500; color: var(--muted); }
    dd { margin: 0; overflow-wrap: anywhere; }
    .confirm { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
    .confirm p { flex: 1 1 260px; }
    .skeleton { min-height: 420px; }
    jalon-envelope-form { margin-bottom: 24px; }
    @media (max-width: 720px) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 8px; } .card { padding: 16px; } .head { margin-bottom: 16px; } }
  `,
  ];

  @property({ attribute: false }) me?: Me;
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  /** The envelope whose form is open ('' : a new one), or null. */
  @state() private _editing: string | null = null;
  @state() private _confirming: string | null = null;
  @state() private _notice: { kind: 'success' | 'error'; text: string; id?: string } | null = null;

  private get _canEdit() {
    // an ARS planner reads them: envelopes and delegations are national (the API answers 403)
    return this.me?.user.role === 'planner' && !this.me.user.region;
  }

  /** The lists and each envelope's position, read together: a position is never asked for an
   *  envelope that a write has just removed. */
  private _refs = new Task(this, {
    task: async ([reference]): Promise<Refs> => {
      const [envelopes, actions, regions] = await Promise.all([
        reference.envelopes(),
        reference.actions(),
        reference.regions(),
      ]);
      const budgets = new Map(
        (await Promise.all(envelopes.map((x) => envelopeBudget(x.id)))).map((b) => [b.envelopeId, b]),
      );
      return { envelopes, actions, regions, budgets };
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
    // back where the user was, once the lists are read again
    void this._focus(id ? `#edit-${id}` : '#new', true);
  };

  private _onClose = (ev: Event) => {
    ev.stopPropagation();
    const id = this._editing;
    this._editing = null;
    void this._focus(id ? `#edit-${id}` : '#new');
  };

  /** Focus `selector` once rendered; `reloaded`: once the lists read again after a write are shown. */
  private async _focus(selector: string, reloaded = false) {
    await this.updateComplete;
    if (reloaded) {
      await this._refs.taskComplete.catch(() => {});
      await this.updateComplete;
    }
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private _open(id: string) {
    this._editing = id;
    this._confirming = null;
    this._notice = null;
    void this._focus(`jalon-envelope-form`).then(async () => {
      const form = this.renderRoot.querySelector('jalon-envelope-form');
      await form?.updateComplete;
      form?.renderRoot.querySelector<HTMLElement>('input')?.focus();
    });
  }

  private async _delete(env: Envelope) {
    try {
      await deleteEnvelope(env);
      this._confirming = null;
      this._notice = { kind: 'success', text: e.deleted(env.code) };
      fire(this, 'reference-changed', undefined);
      void this._focus('#new', true);
    } catch (err) {
      this._confirming = null;
      this._notice = { kind: 'error', text: (err as Error).message, id: env.id };
      void this._focus(`#delete-${env.id}`);
    }
  }

  private _earmark(env: Envelope, refs: Refs) {
    const m = env.earmark;
    if (!m || (!m.regions?.length && !m.categories?.length && !m.priorityOnly && !m.actionIds?.length))
      return e.noEarmark;
    const regionName = new Map(refs.regions.map((r) => [r.code, r.name]));
    const actionCode = new Map(refs.actions.map((a) => [a.id, a.code]));
    return [
      m.regions?.length ? e.earmarkParts.regions(m.regions.map((r) => regionName.get(r) ?? r).join(', ')) : '',
      m.categories?.length ? e.earmarkParts.categories(m.categories.map((c) => t.categories[c]).join(', ')) : '',
      m.priorityOnly ? e.earmarkParts.priorityOnly : '',
      m.actionIds?.length ? e.earmarkParts.actions(m.actionIds.map((a) => actionCode.get(a) ?? a).join(', ')) : '',
    ]
      .filter(Boolean)
      .join(' · ');
  }

  private _card(env: Envelope, refs: Refs) {
    const budget = refs.budgets.get(env.id);
    const refused = this._notice?.kind === 'error' && this._notice.id === env.id ? this._notice.text : '';
    const headId = `env-${env.id}`;
    const editing = this._editing === env.id;
    return html`<section class="card" aria-labelledby=${editing ? nothing : headId} aria-label=${editing ? env.code : nothing} data-envelope=${env.code}>
      ${
        editing
          ? html`<jalon-envelope-form .envelope=${env} .actions=${refs.actions} .regions=${refs.regions}></jalon-envelope-form>`
          : html`<div class="env-head">
            <h2 id=${headId}>${env.code} — ${env.name}</h2>
            <span class="badge ${env.status === 'committed' ? 'success' : 'warning'}" data-testid="status">${e.status[env.status]}</span>
          </div>
          <dl>
            <dt>${t.money.budget}</dt><dd data-testid="total">${formatEuros(env.totalCents)}</dd>
            <dt>${e.source}</dt><dd>${env.source}</dd>
            <dt>${e.earmark}</dt><dd>${this._earmark(env, refs)}</dd>
          </dl>
          ${
            this._canEdit
              ? html`<div class="tools">
              <button class="btn secondary small" id="edit-${env.id}" type="button" aria-label=${e.editLabel(env.code)} @click=${() => this._open(env.id)}>${e.edit}</button>
              <a class="btn secondary small" href="/allocations?envelope=${encodeURIComponent(env.id)}" aria-label=${e.openAllocationsLabel(env.code)}>${e.openAllocations}</a>
              <button class="btn danger small" id="delete-${env.id}" type="button" aria-label=${e.deleteLabel(env.code)}
                @click=${() => {
                  this._confirming = env.id;
                  this._notice = null;
                  void this._focus(`#confirm-${env.id}`);
                }}>${e.delete}</button>
            </div>`
              : nothing
          }`
      }
      ${
        this._confirming === env.id
          ? html`<div class="alert info confirm" role="group" aria-labelledby="confirm-text-${env.id}">
            <p id="confirm-text-${env.id}">${e.confirmDelete(env.code)}</p>
            <button class="btn danger small" id="confirm-${env.id}" type="button" @click=${() => this._delete(env)}>${e.confirm}</button>
            <button class="btn secondary small" type="button" @click=${() => {
              this._confirming = null;
              void this._focus(`#delete-${env.id}`);
            }}>${t.common.cancel}</button>
          </div>`
          : nothing
      }
      <div role="alert">${refused ? html`<div class="alert error" data-testid="refusal"><p>${refused}</p></div>` : nothing}</div>
      ${
        budget
          ? html`<jalon-budget-summary .envelope=${env} .budget=${budget} ?updating=${this._refs.status === TaskStatus.PENDING}></jalon-budget-summary>`
          : html`<div class="skeleton" aria-hidden="true"></div>`
      }
    </section>`;
  }

  override render() {
    const notice = this._notice && !this._notice.id ? this._notice : null;
    return html`<div class="head"><div><h1>${e.title}</h1><p class="lead">${e.intro}</p>
        ${this._canEdit ? nothing : html`<p class="hint">${e.readOnly}</p>`}</div>
        ${this._canEdit && this._editing !== '' ? html`<button class="btn" id="new" type="button" @click=${() => this._open('')}>${e.create}</button>` : nothing}
      </div>
      <div role="status" aria-live="polite">${notice ? html`<div class="alert ${notice.kind}"><p>${notice.text}</p></div>` : nothing}</div>
      ${
        this._editing === '' && this._refs.value
          ? html`<section class="card"><jalon-envelope-form .actions=${this._refs.value.actions} .regions=${this._refs.value.regions}></jalon-envelope-form></section>`
          : nothing
      }
      <div class="list">${renderTask(
        this._refs,
        (refs) => html`<p class="hint" data-testid="envelope-count">${e.count(refs.envelopes.length)}</p>
          ${repeat(
            refs.envelopes,
            (x) => x.id,
            (x) => this._card(x, refs),
          )}`,
        { keepValue: true },
      )}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-envelopes-page': JalonEnvelopesPage;
  }
}
