// <jalon-promote-panel>: « Promouvoir »: a dry run first (?dryRun=1) lists what the promotion would
// add, change and withdraw in the plan, and the conflicts that would refuse it; « Promouvoir »
// then makes it, all or nothing. A stale scenario's refusal (409) and the conflicts' (422) are shown
// with their list; a stale one is re-based (« Recaler sur le plan ») before another try.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PromotionChange, ScenarioLine } from '../../server/contract/scenarios.js';
import { ApiError } from '../api/client.js';
import { promoteScenario, rebaseScenario, type Promotion, type ScenarioView } from '../api/scenarios.js';
import { fire } from '../lib/fire.js';
import { formatEuros, formatSignedEuros } from '../lib/format.js';
import { beneficiaryName, promotionGroups, type ScenarioReference } from '../lib/scenarios.js';
import { tokens, ui } from '../lib/styles.js';
import { t } from '../i18n/scenarios.js';

const p = t.promote;

interface Refusal {
  status: number;
  message: string;
  items: Array<{ path: string; message: string }>;
}

@customElement('jalon-promote-panel')
export class JalonPromotePanel extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    .box { overflow-x: auto; margin-bottom: 16px; position: relative; }
    table { min-width: 560px; font-size: 0.875rem; }
    .actions { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; margin-top: 16px; }
    .alert.warning { color: var(--warning); }
    .alert ul { margin: 8px 0 0; padding-left: 20px; color: var(--text); }
    h3 { margin-top: 16px; }
  `,
  ];

  @property({ attribute: false }) scenario!: ScenarioView;
  @property({ attribute: false }) reference!: ScenarioReference;
  /** The lines known to the view, by id: a conflict on `lines.<id>` names its beneficiary and action. */
  @property({ attribute: false }) lines = new Map<string, ScenarioLine>();
  @state() private _report: Promotion | null = null;
  @state() private _refusal: Refusal | null = null;
  @state() private _done = '';
  @state() private _busy = false;

  private async _run(dryRun: boolean) {
    this._busy = true;
    this._refusal = null;
    this._done = '';
    try {
      const report = await promoteScenario(this.scenario, { dryRun });
      if (dryRun) this._report = report;
      else {
        this._report = null;
        this._done = p.done(report.changes.length);
        fire(this, 'allocations-changed', { count: report.changes.length });
      }
    } catch (err) {
      this._report = null;
      this._refusal =
        err instanceof ApiError
          ? {
              status: err.status,
              message: err.status === 409 ? p.staleRefused : err.status === 422 ? p.refused : err.message,
              items: err.problem.errors ?? [],
            }
          : { status: 0, message: err instanceof Error ? err.message : String(err), items: [] };
    } finally {
      this._busy = false;
    }
  }

  private async _rebase() {
    this._busy = true;
    try {
      const saved = await rebaseScenario(this.scenario);
      this._refusal = null;
      fire(this, 'scenario-saved', { scenario: saved, message: t.view.rebased });
    } catch (err) {
      this._refusal = { status: 0, message: err instanceof Error ? err.message : String(err), items: [] };
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const r = this._report;
    return html`<h2 id="promote-title">${p.title}</h2>
      <p class="hint">${p.intro}</p>
      <div role="status" aria-live="polite" data-testid="promote-status">${
        this._done
          ? html`<div class="alert success"><p>${this._done} <a href="/allocations?envelope=${encodeURIComponent(this.scenario.envelopeIds[0] ?? '')}">${p.seeAllocations}</a></p></div>`
          : nothing
      }${this._refusal ? this._refusalView(this._refusal) : nothing}</div>
      ${r ? this._reportView(r) : nothing}
      <div class="actions">
        <button class="btn secondary" type="button" data-testid="dry-run" ?disabled=${this._busy} @click=${() => void this._run(true)}>${p.dryRun}</button>
        ${
          r && !r.conflicts.length && r.changes.length
            ? html`<button class="btn" type="button" data-testid="promote" ?disabled=${this._busy} aria-describedby="promote-hint"
                @click=${() => void this._run(false)}>${p.confirm}</button><span class="hint" id="promote-hint">${p.confirmHint}</span>`
            : nothing
        }
      </div>`;
  }

  private _refusalView(x: Refusal) {
    return html`<div class="alert ${x.status === 409 ? 'warning' : 'error'}" data-testid="promote-refusal">
      <p><strong>${x.message}</strong></p>
      ${x.items.length ? html`<ul>${x.items.map((i) => html`<li>${this._whose(i.path)}${i.message}</li>`)}</ul>` : nothing}
      ${x.status === 409 ? html`<p style="margin-top:12px"><button class="btn secondary" type="button" data-testid="promote-rebase" ?disabled=${this._busy} @click=${() => void this._rebase()}>${t.view.rebase}</button></p>` : nothing}
    </div>`;
  }

  /** « CHU de Nice — EXE-CRISE : » before a line's conflict, when the line is known. */
  private _whose(path: string) {
    const l = this.lines.get(path.replace(/^lines\./, ''));
    if (!l) return '';
    return `${beneficiaryName(this.reference, l.finess)} — ${this.reference.actionMap.get(l.actionId)?.code ?? l.actionId} : `;
  }

  private _reportView(r: Promotion) {
    if (!r.changes.length && !r.conflicts.length) return html`<p data-testid="promote-nothing">${p.nothing}</p>`;
    const g = promotionGroups(r.changes);
    return html`<div data-testid="promote-report">
      ${r.conflicts.length ? this._refusalView({ status: 422, message: p.conflicts(r.conflicts.length), items: r.conflicts }) : nothing}
      ${this._table('adds', p.adds(g.adds.length), g.adds)}
      ${this._table('changes', p.changes(g.changes.length), g.changes)}
      ${this._table('withdraws', p.withdraws(g.withdraws.length), g.withdraws)}
    </div>`;
  }

  private _table(id: string, title: string, rows: PromotionChange[]) {
    if (!rows.length) return nothing;
    const ref = this.reference;
    const sum = (k: 'fromCents' | 'toCents') => rows.reduce((s, c) => s + c[k], 0);
    return html`<h3 id="p-${id}">${title}</h3><div class="box" role="region" aria-labelledby="p-${id}" tabindex="0">
      <table data-testid="promote-${id}"><thead><tr>
        <th scope="col">${t.compare.beneficiary}</th><th scope="col">${t.common.action}</th><th scope="col">${t.common.envelope}</th>
        <th scope="col">${t.common.status}</th><th scope="col" class="num">${p.from}</th><th scope="col" class="num">${p.to}</th><th scope="col" class="num">${p.delta}</th>
      </tr></thead>
      <tbody>${rows.map(
        (
          c,
        ) => html`<tr data-finess=${c.finess}><th scope="row">${beneficiaryName(ref, c.finess)}<br><span class="hint">${c.finess}</span></th>
          <td>${ref.actionMap.get(c.actionId)?.code ?? c.actionId}</td><td>${ref.envelopeMap.get(c.envelopeId)?.code ?? c.envelopeId}</td>
          <td>${p.ops[c.op]}</td><td class="num">${formatEuros(c.fromCents)}</td><td class="num">${formatEuros(c.toCents)}</td>
          <td class="num">${formatSignedEuros(c.toCents - c.fromCents)}</td></tr>`,
      )}</tbody>
      <tfoot><tr><th scope="row" colspan="4">${t.common.total}</th><td class="num">${formatEuros(sum('fromCents'))}</td>
        <td class="num">${formatEuros(sum('toCents'))}</td><td class="num">${formatSignedEuros(sum('toCents') - sum('fromCents'))}</td></tr></tfoot>
      </table></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-promote-panel': JalonPromotePanel;
  }
}
