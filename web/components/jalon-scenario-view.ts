// <jalon-scenario-view>: one scenario: what it is (author, envelopes, origin, lines, total, stale
// or promoted), its lines on one envelope in the allocation grid (same keys, French amounts, the
// refusal beside the cell, If-Match), and for planners « Répartir », « Ajouter une ligne »,
// « Promouvoir », « Renommer », « Supprimer » and « Recaler sur le plan » when it is stale.
// A reviewer reads the same grid, read only, and compares.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { shownAmounts } from '../../shared/amounts.js';
import { ApiError, refusalOf } from '../api/client.js';
import {
  addLine,
  deleteScenario,
  lineById,
  rebaseScenario,
  removeLine,
  renameScenario,
  saveLine,
  scenarioLines,
  type LineInput,
  type ScenarioLine,
  type ScenarioView,
} from '../api/scenarios.js';
import './jalon-allocation-form.js';
import './jalon-allocation-grid.js';
import { draftRow, type GridRow } from './jalon-allocation-grid.js';
import './jalon-distribute-form.js';
import './jalon-promote-panel.js';
import { fieldErrors, textField } from '../lib/catalog-form.js';
import { fire, type EditOutcome, type JalonEvents } from '../lib/fire.js';
import { amountOf, formatDate, formatEuros, sumAmounts } from '../lib/format.js';
import { beneficiaryName, type ScenarioReference } from '../lib/scenarios.js';
import { tokens, ui } from '../lib/styles.js';
import { loadFailed } from '../lib/task-view.js';
import { t } from '../i18n/scenarios.js';

const v = t.view;
const s = t.scenarios;
type Panel = 'distribute' | 'add' | 'promote' | 'rename';

@customElement('jalon-scenario-view')
export class JalonScenarioView extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    .head { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; justify-content: space-between; }
    h1:focus { outline: none; }
    .facts { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 0 0 16px; }
    .facts dt { font-size: 0.875rem; color: var(--muted); }
    .facts dd { margin: 0; font-weight: 500; overflow-wrap: anywhere; }
    .tools { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 16px; }
    .tools .end { margin-left: auto; display: flex; gap: 8px; flex-wrap: wrap; }
    .states { display: flex; flex-wrap: wrap; gap: 4px; }
    .alert.warning { color: var(--warning); }
    .alert ul { margin: 8px 0 0; padding-left: 20px; color: var(--text); }
    .env { max-width: 480px; margin-bottom: 16px; }
    .notice { min-height: 1.5rem; margin: 0 0 8px; }
    .notice.err { color: var(--error); font-weight: 500; }
    .notice.ok { color: var(--success); }
    .rename { display: flex; gap: 12px; align-items: flex-end; flex-wrap: wrap; }
    .rename .field { flex: 1 1 240px; }
    dialog { max-width: min(36rem, calc(100vw - 32px)); border: 1px solid var(--border); padding: 24px; }
    dialog::backdrop { background: rgba(0, 0, 18, 0.4); }
    dialog h2 { margin-top: 0; }
    dialog .actions { display: flex; gap: 12px; justify-content: flex-end; flex-wrap: wrap; margin-top: 16px; }
    @media (max-width: 720px) { .card { padding: 16px; } .tools .end { margin-left: 0; } }
  `,
  ];

  @property({ attribute: false }) scenario!: ScenarioView;
  @property({ attribute: false }) reference!: ScenarioReference;
  @property({ type: Boolean, attribute: 'can-write' }) canWrite = false;
  /** The scenarios listed: the one this one was copied from is named. */
  @property({ attribute: false }) sources: ScenarioView[] = [];
  @state() private _envelopeId = '';
  @state() private _panel: Panel | null = null;
  @state() private _rows: GridRow[] = [];
  @state() private _notice: { text: string; kind: 'ok' | 'err' | '' } = { text: '', kind: '' };
  @state() private _confirm: { kind: 'delete' } | { kind: 'remove'; line: ScenarioLine } | null = null;
  @state() private _name = '';
  @state() private _nameError = '';
  /** Bumped when lines were written elsewhere than the grid (a rule, a new line, a promotion). */
  @state() private _writes = 0;
  /** The lines shown, by id, as the API last answered them (their rev for If-Match). */
  private _byId = new Map<string, ScenarioLine>();

  private get _envelope() {
    const id = this.scenario.envelopeIds.includes(this._envelopeId) ? this._envelopeId : this.scenario.envelopeIds[0]!;
    return this.reference.envelopeMap.get(id) ?? { id, code: id, name: id };
  }

  private _lines = new Task(this, {
    task: async ([id, envelopeId], { signal }) => {
      const lines = await scenarioLines(id, envelopeId);
      if (!signal.aborted) this._show(lines);
      return lines.length;
    },
    args: () => [this.scenario.id, this._envelope.id, this._writes] as const,
  });

  private _show(lines: ScenarioLine[]) {
    this._byId = new Map(lines.map((l) => [l.id, l]));
    this._rows = lines.map(draftRow);
  }

  private _replace(l: ScenarioLine) {
    this._byId.set(l.id, l);
    this._rows = this._rows.map((r) => (r.id === l.id ? draftRow(l) : r));
  }

  private _rowName(l: Pick<ScenarioLine, 'finess' | 'actionId'>) {
    return `${beneficiaryName(this.reference, l.finess)} — ${this.reference.actionMap.get(l.actionId)?.code ?? l.actionId}`;
  }

  /** The scenario's figures (lines, total, stale) are the page's to read again. */
  private _changed(message = '') {
    fire(this, 'scenario-lines-changed', { message });
  }

  private _onLinesWritten = (e: CustomEvent<JalonEvents['scenario-lines-changed']>) => {
    this._notice = { text: e.detail.message, kind: 'ok' };
    this._writes++;
  };

  private _saveNew = async (input: LineInput) => {
    await addLine(this.scenario.id, input);
    this._writes++;
    this._changed();
  };

  /** Saves a grid edit; a refusal says why beside the cell, and a conflict (412) shows what is stored. */
  private async _save({
    allocation: row,
    year,
    cents,
    amounts,
  }: JalonEvents['allocation-change']): Promise<EditOutcome> {
    const line = this._byId.get(row.id);
    if (!line) return { ok: false, error: t.errors.generic };
    try {
      const saved = await saveLine(line, amounts);
      this._replace(saved);
      this._changed();
      return { ok: true, message: v.saved(beneficiaryName(this.reference, line.finess), year, formatEuros(cents)) };
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        const fresh = await lineById(line.scenarioId, line.id).catch(() => null);
        if (fresh) this._replace(fresh);
        const now = amountOf(shownAmounts(fresh ? draftRow(fresh) : row), year);
        return { ok: false, conflict: true, error: v.conflict(formatEuros(now), formatEuros(cents)) };
      }
      return { ok: false, error: refusalOf(err, `amounts.${year}`) };
    }
  }

  private async _remove(line: ScenarioLine) {
    const name = this._rowName(line);
    try {
      await removeLine(line);
      this._byId.delete(line.id);
      this._rows = this._rows.filter((r) => r.id !== line.id);
      this._notice = { text: v.removed(name), kind: 'ok' };
      this._changed();
    } catch (err) {
      this._notice = { text: err instanceof Error ? err.message : String(err), kind: 'err' };
    }
  }

  private async _rename(e: SubmitEvent) {
    e.preventDefault();
    const name = this._name.trim();
    if (!name) {
      this._nameError = t.form.nameRequired;
      return;
    }
    try {
      const saved = await renameScenario(this.scenario, name);
      this._panel = null;
      fire(this, 'scenario-saved', { scenario: saved, message: v.renamed(saved.name) });
    } catch (err) {
      this._nameError = fieldErrors(err).name ?? (err instanceof Error ? err.message : String(err));
    }
  }

  private async _rebase() {
    try {
      const saved = await rebaseScenario(this.scenario);
      this._writes++;
      fire(this, 'scenario-saved', { scenario: saved, message: v.rebased });
    } catch (err) {
      this._notice = { text: err instanceof Error ? err.message : String(err), kind: 'err' };
    }
  }

  private async _delete() {
    const name = this.scenario.name;
    try {
      await deleteScenario(this.scenario);
      fire(this, 'scenario-saved', { scenario: null, message: v.deleted(name) });
    } catch (err) {
      this._notice = { text: err instanceof Error ? err.message : String(err), kind: 'err' };
    }
  }

  private async _open(panel: Panel) {
    this._panel = this._panel === panel ? null : panel;
    this._name = this.scenario.name;
    this._nameError = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#panel input, #panel select')?.focus();
  }

  private async _ask(confirm: NonNullable<JalonScenarioView['_confirm']>) {
    this._confirm = confirm;
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  private _originText() {
    const o = this.scenario.origin;
    if (typeof o === 'string') return s.origins[o];
    const from = this.sources.find((x) => x.id === o.scenarioId);
    return s.copyOf(from?.name ?? o.scenarioId);
  }

  override render() {
    const sc = this.scenario;
    const r = this.reference;
    const env = this._envelope;
    const codes = sc.envelopeIds.map((id) => r.envelopeMap.get(id)?.code ?? id).join(', ');
    return html`<p><a href="/scenarios">← ${s.backToList}</a></p>
      <div class="head"><div><h1 tabindex="-1">${sc.name}</h1>
        <dl class="facts" aria-label=${v.facts}>
          <div><dt>${s.owner}</dt><dd>${sc.owner}</dd></div>
          <div><dt>${s.envelopes}</dt><dd>${codes}</dd></div>
          <div><dt>${s.origin}</dt><dd>${this._originText()}</dd></div>
          <div><dt>${s.lines}</dt><dd data-testid="line-count">${sc.lineCount}</dd></div>
          <div><dt>${s.total}</dt><dd data-testid="scenario-total">${formatEuros(sc.totalCents)}</dd></div>
          <div><dt>${s.state}</dt><dd class="states">${
            sc.stale.length
              ? html`<span class="badge warning">${s.stale}</span>`
              : html`<span class="badge success">${s.upToDate}</span>`
          }${sc.promotedAt ? html`<span class="badge info">${s.promoted(formatDate(sc.promotedAt))}</span>` : nothing}</dd></div>
        </dl></div></div>
      ${sc.stale.length ? this._staleBox(sc) : nothing}
      ${this._toolbar(sc)}
      <div id="panel">${this._panelView(sc, env)}</div>
      <section class="card" aria-labelledby="lines-title">
        <h2 id="lines-title">${v.linesOf(env.code)}</h2>
        ${
          sc.envelopeIds.length > 1
            ? html`<div class="field env"><label for="sc-env">${v.envelope}</label>
              <select id="sc-env" @change=${(e: Event) => (this._envelopeId = (e.target as HTMLSelectElement).value)}>
                ${sc.envelopeIds.map((id) => html`<option value=${id} ?selected=${id === env.id}>${r.envelopeMap.get(id)?.code ?? id} — ${r.envelopeMap.get(id)?.name ?? ''}</option>`)}
              </select></div>`
            : nothing
        }
        <p class=${`notice ${this._notice.kind}`} role="status" aria-live="polite" data-testid="notice">${this._notice.text}</p>
        ${this._lines.error ? loadFailed(this._lines.error, false) : nothing}
        <jalon-allocation-grid variant="scenario" ?readonly=${!this.canWrite} .allocations=${this._rows} .establishments=${r.ests}
          .pooled=${r.pooled} .actions=${r.actionMap} .regionNames=${r.regionNames}
          @allocation-change=${(e: CustomEvent<JalonEvents['allocation-change']>) => e.detail.respond(this._save(e.detail))}
          @allocation-withdraw=${(e: CustomEvent<JalonEvents['allocation-withdraw']>) => {
            const line = this._byId.get(e.detail.allocation.id);
            if (line) void this._ask({ kind: 'remove', line });
          }}></jalon-allocation-grid>
      </section>
      ${this._dialog()}`;
  }

  private _staleBox(sc: ScenarioView) {
    return html`<div class="alert warning" data-testid="stale"><p>${s.staleTitle(sc.stale.length)}</p>
      <ul>${sc.stale.slice(0, 20).map((m) => html`<li>${m}</li>`)}</ul>
      ${this.canWrite ? html`<p style="margin-top:12px"><button class="btn secondary" type="button" data-testid="rebase" @click=${() => void this._rebase()}>${v.rebase}</button></p>` : nothing}
    </div>`;
  }

  private _toolbar(sc: ScenarioView) {
    const compare = html`<a class="btn secondary" href="/scenarios?compare=${encodeURIComponent(sc.id)}" data-testid="compare-one">${v.compare}</a>`;
    if (!this.canWrite) return html`<div class="tools">${compare}</div>`;
    const toggle = (panel: Panel, label: string) =>
      html`<button class="btn ${this._panel === panel ? '' : 'secondary'}" type="button" aria-expanded=${this._panel === panel}
        aria-controls="panel" @click=${() => void this._open(panel)}>${label}</button>`;
    return html`<div class="tools">
      ${toggle('distribute', v.distribute)}${toggle('add', v.addLine)}${toggle('promote', v.promote)}${compare}
      <span class="end">${toggle('rename', v.rename)}
        <button class="btn danger" type="button" @click=${() => void this._ask({ kind: 'delete' })}>${v.delete}</button></span>
    </div>`;
  }

  private _panelView(sc: ScenarioView, env: { id: string }) {
    const r = this.reference;
    switch (this._panel) {
      case 'distribute':
        return html`<section class="card"><jalon-distribute-form .scenario=${sc} .reference=${r} envelope-id=${env.id}
          @scenario-lines-changed=${this._onLinesWritten}></jalon-distribute-form></section>`;
      case 'add':
        return html`<section class="card"><jalon-allocation-form .envelope=${r.envelopeMap.get(env.id)} .actions=${r.actions}
          .save=${this._saveNew}></jalon-allocation-form></section>`;
      case 'promote':
        return html`<section class="card"><jalon-promote-panel .scenario=${sc} .reference=${r} .lines=${this._byId}
          @allocations-changed=${() => this._writes++} @scenario-saved=${() => this._writes++}></jalon-promote-panel></section>`;
      case 'rename':
        return html`<section class="card"><form class="rename" @submit=${this._rename} novalidate aria-label=${v.renameTitle}>
          ${textField('sc-rename', t.form.name, this._name, (x) => (this._name = x), { error: this._nameError, required: true })}
          <button class="btn" type="submit">${v.renameSave}</button>
          <button class="btn secondary" type="button" @click=${() => (this._panel = null)}>${t.common.cancel}</button>
        </form></section>`;
      default:
        return nothing;
    }
  }

  private _dialog() {
    const c = this._confirm;
    const close = () => this.renderRoot.querySelector('dialog')?.close();
    const title = c?.kind === 'delete' ? v.deleteTitle : v.removeTitle;
    const text =
      c?.kind === 'delete'
        ? v.deleteConfirm(this.scenario.name, s.linesCount(this.scenario.lineCount))
        : c
          ? v.removeConfirm(this._rowName(c.line), formatEuros(sumAmounts(c.line.amounts)))
          : '';
    return html`<dialog aria-labelledby="confirm-title" @close=${() => (this._confirm = null)} data-testid="confirm-dialog">${
      c
        ? html`<h2 id="confirm-title">${title}</h2><p>${text}</p>
          <div class="actions">
            <button class="btn secondary" type="button" @click=${close}>${v.keep}</button>
            <button class="btn danger" type="button" @click=${() => {
              close();
              void (c.kind === 'delete' ? this._delete() : this._remove(c.line));
            }}>${c.kind === 'delete' ? v.delete : t.grid.withdraw}</button>
          </div>`
        : nothing
    }</dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-scenario-view': JalonScenarioView;
  }
}
