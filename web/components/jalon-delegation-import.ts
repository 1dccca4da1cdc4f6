// <jalon-delegation-import>: a delegations table (CSV or XLSX) for the round the page shows.
// Simulate first (created, changed, unchanged, the refused cells with region and year), then
// import, which the server does all or nothing.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/client.js';
import { importDelegations, type DelegationImportReport } from '../api/delegations.js';
import { t } from '../i18n/delegations.js';
import { filePicker } from '../lib/file-picker.js';
import { fire } from '../lib/fire.js';
import { formatEuros } from '../lib/format.js';
import { importStyles } from '../lib/import-styles.js';
import { tokens, ui } from '../lib/styles.js';

const ti = t.delegations.import;

@customElement('jalon-delegation-import')
export class JalonDelegationImport extends LitElement {
  static override styles = [tokens, ui, importStyles];

  @property() envelopeId = '';
  @property() reference = '';
  @property() notifiedOn = '';
  /** Region names by INSEE code, for the refusals. */
  @property({ attribute: false }) regionNames = new Map<string, string>();

  @state() private _file: File | null = null;
  @state() private _report: { file: File; round: string; report: DelegationImportReport } | null = null;
  @state() private _message: { kind: 'error' | 'info' | 'success'; text: string } | null = null;
  @state() private _busy = false;

  private get _round() {
    return { envelopeId: this.envelopeId, reference: this.reference.trim(), notifiedOn: this.notifiedOn };
  }

  private async _run(dryRun: boolean) {
    const file = this._file;
    const round = this._round;
    if (!file) return void (this._message = { kind: 'error', text: ti.needFile });
    if (!round.reference || !round.notifiedOn)
      return void (this._message = { kind: 'error', text: t.delegations.needReference });
    const key = JSON.stringify(round);
    if (!dryRun && (this._report?.file !== file || this._report.round !== key))
      return void (this._message = { kind: 'info', text: ti.stale });
    this._busy = true;
    this._message = null;
    try {
      const report = await importDelegations(file, round, dryRun);
      this._report = { file, round: key, report };
      if (!dryRun) {
        this._message = {
          kind: 'success',
          text: `${ti.applied} ${ti.summary(report.created, report.updated, report.unchanged)}`,
        };
        fire(this, 'delegations-changed', { count: report.created + report.updated });
      }
    } catch (err) {
      this._report = null;
      this._message = { kind: 'error', text: err instanceof ApiError ? err.message : String(err) };
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const r = this._report?.report;
    return html`<h2>${ti.title}</h2><p class="hint">${ti.intro}</p>
      ${filePicker({
        id: 'delegation-file',
        label: ti.file,
        hint: ti.fileHint,
        accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        file: this._file,
        disabled: this._busy,
        onPick: (f) => {
          this._file = f;
          this._report = null;
          this._message = null;
        },
      })}
      <div class="actions">
        <button class="btn secondary" ?disabled=${this._busy} @click=${() => this._run(true)} data-testid="delegation-simulate">${ti.simulate}</button>
        <button class="btn" ?disabled=${this._busy || !r?.dryRun || r.refusedCount > 0} @click=${() => this._run(false)} data-testid="delegation-apply">${ti.apply}</button>
      </div>
      ${this._message ? html`<div class="alert ${this._message.kind}" role=${this._message.kind === 'error' ? 'alert' : 'status'}><p>${this._message.text}</p></div>` : nothing}
      ${r?.dryRun ? this._summary(r) : nothing}`;
  }

  private _summary(r: DelegationImportReport) {
    return html`<div role="status" data-testid="delegation-report"><p><strong>${ti.simulated}</strong> ${ti.summary(r.created, r.updated, r.unchanged)}
      ${ti.totals(formatEuros(r.beforeCents), formatEuros(r.afterCents))}</p>
      ${
        r.refusedCount
          ? html`<h3>${ti.refusedTitle(r.refusedCount)}</h3><div class="scroll"><table>
          <thead><tr><th scope="col">${ti.line}</th><th scope="col">${ti.cell}</th><th scope="col">${ti.reason}</th></tr></thead>
          <tbody>${r.refused.map(
            (x) =>
              html`<tr><td>${x.line}</td><td>${this.regionNames.get(x.region) ?? x.region}${x.year ? `, ${x.year}` : ''}</td><td>${x.reason}</td></tr>`,
          )}</tbody></table></div>`
          : nothing
      }</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-delegation-import': JalonDelegationImport;
  }
}
