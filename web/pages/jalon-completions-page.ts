// <jalon-completions-page>: the planners' queue of declared completions awaiting a check, with the
// establishment (name and FINESS), its region, the action and the dates; « Valider », or
// « Refuser » with a mandatory reason the establishment reads. A second tab lists checked ones.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Action, Completion } from '../../server/contract/plan.js';
import { completionsIn, countIn, refuseCompletion, validateCompletion } from '../api/checks.js';
import { cardTable, textField } from '../lib/catalog-form.js';
import { dialogStyles } from '../lib/dialog-styles.js';
import { beneficiaryName, beneficiaryRegion, pooledLine, type Beneficiaries } from '../lib/beneficiary.js';
import { DialogController } from '../controllers/dialog-controller.js';
import { fire } from '../lib/fire.js';
import { formatDate } from '../lib/format.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { tokens, ui } from '../lib/styles.js';
import { loadFailed, loading, renderTask } from '../lib/task-view.js';
import { t } from '../i18n/completions.js';

const k = t.checks;
const PAGE = 100;
type Tab = 'pending' | 'checked';
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

@customElement('jalon-completions-page')
export class JalonCompletionsPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    cardTable,
    dialogStyles,
    css`
    :host { display: block; }
    [role='tablist'] { display: flex; flex-wrap: wrap; gap: 0; border-bottom: 1px solid var(--border); margin-bottom: 16px; }
    [role='tab'] { font: inherit; font-weight: 500; background: var(--bg-alt); color: var(--blue); border: 1px solid var(--border);
      border-bottom: 0; padding: 8px 16px; min-height: 44px; cursor: pointer; margin-right: 4px; }
    [role='tab'][aria-selected='true'] { background: var(--bg); border-top: 3px solid var(--blue); color: var(--text); margin-bottom: -1px; }
    .filters { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr) minmax(0, 1fr); gap: 16px; margin-bottom: 16px; }
    .list { min-height: 520px; }
    .count { margin: 0 0 8px; }
    .who { display: block; }
    .tools { display: flex; flex-wrap: wrap; gap: 8px; }
    .reason { margin: 4px 0 0; white-space: pre-line; }
    @media (max-width: 720px) {
      .filters { grid-template-columns: 1fr; }
      [role='tab'] { padding: 8px 10px; font-size: 0.875rem; }
    }
  `,
  ];

  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  @state() private _tab: Tab = 'pending';
  @state() private _q = '';
  @state() private _region = '';
  @state() private _action = '';
  @state() private _shown = PAGE;
  @state() private _busy = false;
  @state() private _notice: { kind: 'success' | 'error'; text: string } | null = null;
  /** The declaration being refused, and the dialog's own message. */
  @state() private _refusing: Completion | null = null;
  @state() private _reason = '';
  private _refuse = new DialogController(this, ['reason']);

  private _data = new Task(this, {
    task: async ([reference]) => {
      const [pending, checkedCount, ests, pooled, actions, regions] = await Promise.all([
        completionsIn('pending'),
        countIn('validated,refused'),
        reference.establishmentIndex(),
        reference.pooledIndex(),
        reference.actions(),
        reference.regions(),
      ]);
      return {
        pending,
        checkedCount,
        who: { ests, pooled } satisfies Beneficiaries,
        actions: new Map(actions.map((a) => [a.id, a])),
        regions,
        regionNames: new Map(regions.map((r) => [r.code, r.name])),
      };
    },
    args: () => [this._plan.reference, this._plan.version] as const,
  });

  /** The checked ones, read when their tab is opened (a national plan holds tens of thousands),
   *  the most recent checks first; the queue stays oldest first (first declared, first checked). */
  private _checked = new Task(this, {
    task: async ([tab]) => {
      if (tab !== 'checked') return null;
      const checked = await completionsIn('validated,refused');
      return checked.sort((a, b) =>
        (b.validatedAt ?? b.refusedAt ?? '').localeCompare(a.validatedAt ?? a.refusedAt ?? ''),
      );
    },
    args: () => [this._tab, this._plan.version] as const,
  });

  private _names(c: Completion, who: Beneficiaries, actions: Map<string, Action>) {
    return { name: beneficiaryName(who, c.finess), action: actions.get(c.actionId)?.title ?? c.actionId };
  }

  private _filtered(items: Completion[], who: Beneficiaries) {
    const q = fold(this._q.trim());
    return items.filter((c) => {
      if (this._region && beneficiaryRegion(who, c.finess) !== this._region) return false;
      if (this._action && c.actionId !== this._action) return false;
      // by number, or by name (an establishment's or a pooled resource's)
      return !q || c.finess.toLowerCase().includes(q) || fold(beneficiaryName(who, c.finess)).includes(q);
    });
  }

  private async _validate(c: Completion, name: string, action: string) {
    this._busy = true;
    this._notice = null;
    try {
      const saved = await validateCompletion(c);
      this._notice = { kind: 'success', text: k.validatedDone(name, action) };
      fire(this, 'completion-declared', { completion: saved });
    } catch (err) {
      this._notice = { kind: 'error', text: (err as Error).message };
    } finally {
      this._busy = false;
    }
    await this._afterReload();
  }

  private _openRefuse(c: Completion) {
    this._refusing = c;
    this._reason = '';
    this._notice = null;
    void this._refuse.open('#refuse-reason');
  }

  private _closeRefuse() {
    this._refuse.close();
    this._refusing = null;
  }

  private async _submitRefuse(e: SubmitEvent, name: string, action: string) {
    e.preventDefault();
    const c = this._refusing;
    if (!c) return;
    if (!this._reason.trim()) return this._refuse.refuse({ reason: k.reasonRequired });
    const done = await this._refuse.run(async () => {
      const saved = await refuseCompletion(c, this._reason);
      this._notice = { kind: 'success', text: k.refusedDone(name, action) };
      fire(this, 'completion-declared', { completion: saved });
    });
    if (!done) return;
    this._refusing = null;
    await this._afterReload();
  }

  /** Once the lists are read again after a check, the focus goes to the notice. */
  private async _afterReload() {
    await this.updateComplete;
    await this._data.taskComplete.catch(() => {});
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#notice')?.focus();
  }

  private _setTab(tab: Tab) {
    this._tab = tab;
    this._shown = PAGE;
  }

  private _tabKey(e: KeyboardEvent) {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const next: Tab = this._tab === 'pending' ? 'checked' : 'pending';
    this._setTab(next);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  }

  override render() {
    return html`<h1>${k.title}</h1><p class="lead">${k.intro}</p>
      <div id="notice" tabindex="-1" role="status" aria-live="polite">${
        this._notice ? html`<div class="alert ${this._notice.kind}"><p>${this._notice.text}</p></div>` : nothing
      }</div>
      <div class="list">${renderTask(this._data, (d) => this._view(d), { keepValue: true })}</div>`;
  }

  private _view(d: NonNullable<typeof this._data.value>) {
    const checked = this._tab === 'checked' ? this._checked.value : null;
    const items = this._tab === 'pending' ? d.pending : (checked ?? []);
    const rows = this._filtered(items, d.who);
    const shown = rows.slice(0, this._shown);
    return html`
      <div role="tablist" aria-label=${k.tabs} @keydown=${this._tabKey}>
        ${(['pending', 'checked'] as const).map(
          (
            tab,
          ) => html`<button role="tab" id="tab-${tab}" aria-controls="panel" aria-selected=${this._tab === tab ? 'true' : 'false'}
            tabindex=${this._tab === tab ? '0' : '-1'} @click=${() => this._setTab(tab)}>${
              tab === 'pending' ? k.pendingTab(d.pending.length) : k.checkedTab(checked?.length ?? d.checkedCount)
            }</button>`,
        )}
      </div>
      <div role="tabpanel" id="panel" aria-labelledby="tab-${this._tab}">
        <form class="filters" role="search" aria-label=${k.filters} @submit=${(e: Event) => e.preventDefault()}>
          <div class="field"><label for="q">${k.search}</label>
            <input id="q" type="search" autocomplete="off" aria-describedby="q-hint" .value=${this._q}
              @input=${(e: Event) => ((this._q = (e.target as HTMLInputElement).value), (this._shown = PAGE))}>
            <span class="hint" id="q-hint">${k.searchHint}</span></div>
          <div class="field"><label for="region">${t.common.region}</label>
            <select id="region" @change=${(e: Event) => ((this._region = (e.target as HTMLSelectElement).value), (this._shown = PAGE))}>
              <option value="">${t.common.allRegions}</option>
              ${d.regions.map((r) => html`<option value=${r.code} ?selected=${r.code === this._region}>${r.name}</option>`)}
            </select></div>
          <div class="field"><label for="action">${t.common.action}</label>
            <select id="action" @change=${(e: Event) => ((this._action = (e.target as HTMLSelectElement).value), (this._shown = PAGE))}>
              <option value="">${k.allActions}</option>
              ${[...d.actions.values()].map((a) => html`<option value=${a.id} ?selected=${a.id === this._action}>${a.title}</option>`)}
            </select></div>
        </form>
        ${this._tab === 'checked' && !checked ? this._checked.render({ pending: loading, error: (e) => loadFailed(e, false) }) : this._table(rows, shown, d)}
      </div>
      ${this._dialogView(d)}`;
  }

  private _table(rows: Completion[], shown: Completion[], d: NonNullable<typeof this._data.value>) {
    return html`<p class="count hint" data-testid="count">${k.shown(shown.length, rows.length)}</p>
        ${
          rows.length === 0
            ? html`<p>${this._tab === 'pending' ? k.emptyPending : k.emptyChecked}</p>`
            : html`<table class="cards" data-testid="queue">
              <caption class="sr-only">${this._tab === 'pending' ? k.pendingTab(rows.length) : k.checkedTab(rows.length)}</caption>
              <thead><tr><th scope="col">${k.establishment}</th><th scope="col">${k.region}</th><th scope="col">${k.action}</th>
                <th scope="col">${k.completedOn}</th><th scope="col">${k.declaredAt}</th><th scope="col">${k.check}</th></tr></thead>
              <tbody>${shown.map((c) => this._row(c, d))}</tbody>
            </table>`
        }
        ${
          shown.length < rows.length
            ? html`<div class="pager"><button class="btn secondary" type="button" @click=${() => (this._shown += PAGE)}>${k.more}</button></div>`
            : nothing
        }`;
  }

  private _dialogView(d: NonNullable<typeof this._data.value>) {
    const refusing = this._refusing ? this._names(this._refusing, d.who, d.actions) : null;
    const error = this._refuse.errors.reason || this._refuse.error;
    return html`<dialog aria-labelledby="refuse-title" @close=${() => (this._refusing = null)} @cancel=${(e: Event) => (e.preventDefault(), this._closeRefuse())}>
        ${
          refusing && this._refusing
            ? html`<form novalidate @submit=${(e: SubmitEvent) => this._submitRefuse(e, refusing.name, refusing.action)}>
              <h2 id="refuse-title">${k.dialogTitle}</h2>
              <p>${k.dialogWhat(refusing.name, refusing.action, formatDate(this._refusing.completedOn))}</p>
              ${textField('refuse-reason', k.reasonLabel, this._reason, (v) => (this._reason = v), {
                multiline: true,
                required: true,
                hint: k.reasonHint,
                error: error || undefined,
              })}
              <div class="actions">
                <button class="btn danger" type="submit" ?disabled=${this._refuse.busy}>${k.confirmRefuse}</button>
                <button class="btn secondary" type="button" @click=${() => this._closeRefuse()}>${t.common.cancel}</button>
              </div>
            </form>`
            : nothing
        }
      </dialog>`;
  }

  private _row(c: Completion, d: NonNullable<typeof this._data.value>) {
    const { name, action } = this._names(c, d.who, d.actions);
    const code = beneficiaryRegion(d.who, c.finess);
    const region = (code ? d.regionNames.get(code) : undefined) ?? t.common.none;
    // a pooled resource: its SIRET, region and what it is, as the allocations grid shows it
    const sub = pooledLine(d.who, c.finess, d.regionNames) ?? `${k.finess} ${c.finess}`;
    return html`<tr data-finess=${c.finess} data-action=${c.actionId}>
      <th scope="row"><span class="who">${name}</span><span class="hint">${sub}</span></th>
      <td data-label=${k.region}>${region}</td>
      <td data-label=${k.action}>${action}</td>
      <td data-label=${k.completedOn}><time datetime=${c.completedOn}>${formatDate(c.completedOn)}</time></td>
      <td data-label=${k.declaredAt}>${formatDate(c.createdAt)}${c.createdBy ? html` <span class="hint">${k.declaredBy(c.createdBy)}</span>` : nothing}</td>
      <td data-label=${k.check}>${this._tab === 'pending' ? this._tools(c, name, action) : this._state(c)}</td>
    </tr>`;
  }

  private _tools(c: Completion, name: string, action: string) {
    return html`<div class="tools">
      <button class="btn small" id="validate-${c.id}" type="button" aria-label=${k.label(k.validate, name, action)}
        ?disabled=${this._busy} @click=${() => this._validate(c, name, action)}>${k.validate}</button>
      <button class="btn danger small" id="refuse-${c.id}" type="button" aria-label=${k.label(k.refuse, name, action)}
        ?disabled=${this._busy} @click=${() => this._openRefuse(c)}>${k.refuse}</button>
    </div>`;
  }

  private _state(c: Completion) {
    return c.validatedAt
      ? html`<span class="badge success">${k.validated}</span> <span class="hint">${k.checkedOn(formatDate(c.validatedAt), c.validatedBy)}</span>`
      : html`<span class="badge error">${k.refused}</span> <span class="hint">${k.checkedOn(formatDate(c.refusedAt!), c.refusedBy)}</span>
        <p class="reason"><strong>${k.reason} :</strong> ${c.refusalReason}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-completions-page': JalonCompletionsPage;
  }
}
