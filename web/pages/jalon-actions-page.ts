// <jalon-actions-page>: the action catalogue by CaRE axis. Planners add, edit, retire (an action
// keeps what it funds and takes no new allocation), restore and delete (confirmed first; refused
// for an action in use, which is retired instead).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Me } from '../../server/contract/auth.js';
import type { Action } from '../../server/contract/plan.js';
import { deleteAction, restoreAction, retireAction } from '../api/catalog.js';
import '../components/jalon-action-form.js';
import { cardTable } from '../lib/catalog-form.js';
import { fire, type JalonEvent } from '../lib/fire.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';
import { t } from '../i18n/actions.js';

const p = t.actionsPage;

@customElement('jalon-actions-page')
export class JalonActionsPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    cardTable,
    css`
    :host { display: block; }
    @media (max-width: 720px) { .card { padding: 16px; } .head { margin-bottom: 16px; } }
    .head { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; justify-content: space-between; }
    .list { min-height: 480px; }
    .tools { display: flex; flex-wrap: wrap; gap: 8px; }
    tr.retired th, tr.retired td:not(:last-child) { color: var(--mention); }
    .confirm { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
    .confirm p { flex: 1 1 260px; }
    td { vertical-align: middle; }
    .axis { white-space: nowrap; }
    @media (min-width: 721px) { .tools { flex-wrap: nowrap; } }
  `,
  ];

  @property({ attribute: false }) me?: Me;
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  /** The action whose form is open ('' : a new one), or null. */
  @state() private _editing: string | null = null;
  @state() private _confirming: string | null = null;
  @state() private _notice: { kind: 'success' | 'error'; text: string } | null = null;
  @state() private _busy = false;

  private get _canEdit() {
    return this.me?.user.role === 'planner';
  }

  private _actions = new Task(this, {
    task: ([reference]) => reference.actions(),
    args: () => [this._plan.reference] as const,
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
    const id = this._editing;
    this._done({ kind: 'success', text: ev.detail.message }, id ? `#edit-${id}` : '#new');
  };

  private _onClose = (ev: Event) => {
    ev.stopPropagation();
    const id = this._editing;
    this._editing = null;
    void this._focus(id ? `#edit-${id}` : '#new');
  };

  /** Focus `selector` once rendered; `reloaded`: once the list read again after a write is shown. */
  private async _focus(selector: string, reloaded = false) {
    await this.updateComplete;
    if (reloaded) {
      await this._actions.taskComplete.catch(() => {});
      await this.updateComplete;
    }
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** After a write: the message, the lists read again, the focus back where the user was. */
  private _done(notice: { kind: 'success' | 'error'; text: string }, focus: string, changed = true) {
    this._notice = notice;
    this._editing = null;
    this._confirming = null;
    if (changed) fire(this, 'reference-changed', undefined);
    void this._focus(focus, changed);
  }

  private _open(id: string) {
    this._editing = id;
    this._confirming = null;
    this._notice = null;
    void this.updateComplete.then(async () => {
      const form = this.renderRoot.querySelector('jalon-action-form');
      await form?.updateComplete;
      form?.renderRoot.querySelector<HTMLElement>('input')?.focus();
    });
  }

  private async _run(a: Action, what: 'retire' | 'restore' | 'delete') {
    this._busy = true;
    try {
      if (what === 'retire') await retireAction(a);
      else if (what === 'restore') await restoreAction(a);
      else await deleteAction(a);
      const text =
        what === 'retire' ? p.retiredDone(a.code) : what === 'restore' ? p.restored(a.code) : p.deleted(a.code);
      this._done(
        { kind: 'success', text },
        what === 'delete' ? '#new' : `#${what === 'retire' ? 'restore' : 'retire'}-${a.id}`,
      );
    } catch (err) {
      this._done({ kind: 'error', text: (err as Error).message }, `#${what}-${a.id}`, false);
    } finally {
      this._busy = false;
    }
  }

  private _row(a: Action) {
    const verbLabel = (verb: string) => p.label(verb, a.code);
    return html`<tr class=${a.retiredAt ? 'retired' : ''} data-action=${a.code}>
      <th scope="row">${a.code}</th>
      <td data-label=${p.title_}>${a.title}</td>
      <td data-label=${p.axis} class="axis">${t.axisShort(a.axis)}</td>
      <td data-label=${p.domain}>${a.domain || t.common.none}</td>
      <td data-label=${p.state} data-testid="state">${
        a.retiredAt
          ? html`<span class="badge neutral">${p.retired}</span> <span class="hint">${p.retiredOn(a.retiredAt)}</span>`
          : html`<span class="badge success">${p.active}</span>`
      }</td>
      ${
        this._canEdit
          ? html`<td><div class="tools">
            <button class="btn secondary small" id="edit-${a.id}" type="button" aria-label=${verbLabel(p.edit)} @click=${() => this._open(a.id)}>${p.edit}</button>
            ${
              a.retiredAt
                ? html`<button class="btn secondary small" id="restore-${a.id}" type="button" aria-label=${verbLabel(p.restore)} ?disabled=${this._busy} @click=${() => this._run(a, 'restore')}>${p.restore}</button>`
                : html`<button class="btn secondary small" id="retire-${a.id}" type="button" aria-label=${verbLabel(p.retire)} ?disabled=${this._busy} @click=${() => this._run(a, 'retire')}>${p.retire}</button>`
            }
            <button class="btn danger small" id="delete-${a.id}" type="button" aria-label=${verbLabel(p.delete)}
              @click=${() => {
                this._confirming = a.id;
                this._notice = null;
                void this._focus(`#confirm-${a.id}`);
              }}>${p.delete}</button>
          </div></td>`
          : nothing
      }
    </tr>
    ${
      this._confirming === a.id
        ? html`<tr><td colspan="6"><div class="alert info confirm" role="group" aria-labelledby="confirm-text-${a.id}">
          <p id="confirm-text-${a.id}">${p.confirmDelete(a.code)}</p>
          <button class="btn danger small" id="confirm-${a.id}" type="button" ?disabled=${this._busy} @click=${() => this._run(a, 'delete')}>${p.confirm}</button>
          <button class="btn secondary small" type="button" @click=${() => {
            this._confirming = null;
            void this._focus(`#delete-${a.id}`);
          }}>${t.common.cancel}</button>
        </div></td></tr>`
        : nothing
    }`;
  }

  override render() {
    const editing = this._editing;
    const current = editing ? this._actions.value?.find((a) => a.id === editing) : undefined;
    return html`<div class="head"><div><h1>${p.title}</h1><p class="lead">${p.intro}</p>
        ${this._canEdit ? nothing : html`<p class="hint">${p.readOnly}</p>`}</div>
        ${this._canEdit && editing !== '' ? html`<button class="btn" id="new" type="button" @click=${() => this._open('')}>${p.create}</button>` : nothing}
      </div>
      ${
        editing !== null && (editing === '' || current)
          ? html`<section class="card"><jalon-action-form .action=${current}></jalon-action-form></section>`
          : nothing
      }
      <div role="status" aria-live="polite">${this._notice?.kind === 'success' ? html`<div class="alert success"><p>${this._notice.text}</p></div>` : nothing}</div>
      <div role="alert">${this._notice?.kind === 'error' ? html`<div class="alert error" data-testid="refusal"><p>${this._notice.text}</p></div>` : nothing}</div>
      <div class="card list">${renderTask(
        this._actions,
        (actions) => html`<div class="table-box"><table class="cards" data-testid="actions-table">
          <caption>${p.count(actions.length, actions.filter((a) => a.retiredAt).length)}</caption>
          <thead><tr><th scope="col">${p.code}</th><th scope="col">${p.title_}</th><th scope="col">${p.axis}</th>
            <th scope="col">${p.domain}</th><th scope="col">${p.state}</th>
            ${this._canEdit ? html`<th scope="col"><span class="sr-only">${t.common.actions}</span></th>` : nothing}</tr></thead>
          <tbody>${actions.map((a) => this._row(a))}</tbody></table></div>`,
        { keepValue: true },
      )}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-actions-page': JalonActionsPage;
  }
}
