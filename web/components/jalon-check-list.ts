// <jalon-check-list>: declarations of objectives awaiting a check at one level — the ARS's (its
// region's planners, or a national planner) or the ANS's (a national reviewer, after the ARS said
// conforme) — with the evidence to download and the level's deadline: « Conforme », or
// « Non conforme » with a reason the applicant reads. A check is never changed once given.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Application, CheckVerdict, Declaration, FundingWindow } from '../../server/contract/windows.js';
import { checkDeclaration, evidenceUrl } from '../api/applications.js';
import { DialogController } from '../controllers/dialog-controller.js';
import { textField } from '../lib/catalog-form.js';
import { fire } from '../lib/fire.js';
import { formatBytes, formatDate } from '../lib/format.js';
import { t } from '../i18n/applications.js';
import { queueStyles } from '../lib/queue-styles.js';
import { tokens, ui } from '../lib/styles.js';

const k = t.applications;

@customElement('jalon-check-list')
export class JalonCheckList extends LitElement {
  static override styles = [tokens, ui, queueStyles];

  @property() level: 'ars' | 'ans' = 'ars';
  @property({ attribute: false }) declarations: Declaration[] = [];
  @property({ attribute: false }) applications: ReadonlyMap<string, Application> = new Map();
  @property({ attribute: false }) windows: ReadonlyMap<string, FundingWindow> = new Map();
  @property({ attribute: false }) names: ReadonlyMap<string, string> = new Map();
  @property({ type: Boolean }) editable = false;
  @state() private _refusing: Declaration | null = null;
  @state() private _reason = '';
  @state() private _busy = false;
  @state() private _rowError: { id: string; text: string } | null = null;
  private _dialog = new DialogController(this, ['reason']);

  private _who(d: Declaration) {
    const a = this.applications.get(d.applicationId);
    return a ? (this.names.get(a.finess) ?? a.finess) : d.applicationId;
  }

  private async _check(d: Declaration, verdict: CheckVerdict, reason?: string) {
    await checkDeclaration(d, { level: this.level, verdict, ...(reason ? { reason } : {}) });
    const label = verdict === 'conforme' ? k.conforme : k.nonConforme;
    fire(this, 'applications-changed', { message: k.checkedDone(label, this._who(d), d.objective) });
  }

  /** « Conforme » needs no dialog: a refusal shows in the declaration's row. */
  private async _conforme(d: Declaration) {
    this._busy = true;
    this._rowError = null;
    try {
      await this._check(d, 'conforme');
    } catch (err) {
      this._rowError = { id: d.id, text: (err as Error).message };
    } finally {
      this._busy = false;
    }
  }

  private async _openRefuse(d: Declaration) {
    this._refusing = d;
    this._reason = '';
    await this._dialog.open('#cl-reason');
  }

  private _close() {
    this._dialog.close();
    this._refusing = null;
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const d = this._refusing;
    if (!d) return;
    const reason = this._reason.trim();
    if (!reason) return this._dialog.refuse({ reason: k.reasonRequired });
    if (await this._dialog.run(() => this._check(d, 'non_conforme', reason))) this._refusing = null;
  }

  override render() {
    if (!this.declarations.length) return html`<p>${k.checkNone}</p>`;
    return html`<table class="cards" data-testid="to-check-${this.level}">
      <caption class="sr-only">${this.level === 'ars' ? k.toCheckArs : k.toCheckAns}</caption>
      <thead><tr><th scope="col">${k.applicant}</th><th scope="col">${k.objective}</th><th scope="col">${k.achievedOn}</th>
        <th scope="col">${k.evidence}</th>${this.editable ? html`<th scope="col"><span class="sr-only">${t.common.actions}</span></th>` : nothing}</tr></thead>
      <tbody>${this.declarations.map((d) => this._row(d))}</tbody></table>
      ${this._dialogView()}`;
  }

  private _row(d: Declaration) {
    const a = this.applications.get(d.applicationId);
    const w = a ? this.windows.get(a.windowId) : undefined;
    const title = w?.objectives.find((o) => o.code === d.objective)?.title ?? '';
    const end = w ? (this.level === 'ars' ? w.phases.arsChecksEnd : w.phases.ansChecksEnd) : undefined;
    const who = this._who(d);
    return html`<tr data-id=${d.id} data-objective=${d.objective}>
      <th scope="row">${who}<span class="sub">${a ? `FINESS ${a.finess}` : ''}${w ? ` · ${w.name}` : ''}</span></th>
      <td data-label=${k.objective}><strong>${d.objective}</strong> — ${title}
        ${end ? html`<span class="sub">${k.checkBy(formatDate(end))}</span>` : nothing}
        ${this.level === 'ans' && d.arsCheck ? html`<span class="sub">${k.arsVerdict(k.conforme)} (${formatDate(d.arsCheck.at)})</span>` : nothing}
        ${d.comment ? html`<span class="sub">${d.comment}</span>` : nothing}</td>
      <td data-label=${k.achievedOn}>${formatDate(d.achievedOn)}</td>
      <td data-label=${k.evidence}><ul class="files">${d.evidence.map(
        (f) =>
          html`<li><a href=${evidenceUrl(d.id, f.sha256)} download=${f.name}>${f.name}</a> <span class="hint">${formatBytes(f.size)}</span></li>`,
      )}</ul></td>
      ${
        this.editable
          ? html`<td><div class="tools">
          <button class="btn small" type="button" ?disabled=${this._busy} aria-label=${k.label(k.conforme, who, d.objective)}
            @click=${() => this._conforme(d)}>${k.conforme}</button>
          <button class="btn danger small" id="nc-${d.id}" type="button" ?disabled=${this._busy} aria-label=${k.label(k.nonConforme, who, d.objective)}
            @click=${() => this._openRefuse(d)}>${k.nonConforme}</button></div>
          ${this._rowError?.id === d.id ? html`<p class="field-error" role="alert">${this._rowError.text}</p>` : nothing}</td>`
          : nothing
      }</tr>`;
  }

  private _dialogView() {
    const d = this._refusing;
    // the API's refusal of the reason, or any other, under the reason
    const error = this._dialog.errors.reason || this._dialog.error;
    return html`<dialog aria-labelledby="cl-title" @cancel=${(e: Event) => (e.preventDefault(), this._close())}>${
      d
        ? html`<form novalidate @submit=${this._submit}>
        <h2 id="cl-title">${k.nonConformeTitle}</h2>
        <p>${this._who(d)} — ${d.objective}, ${k.declaredOn(formatDate(d.achievedOn))}</p>
        ${textField('cl-reason', k.reason, this._reason, (v) => (this._reason = v), {
          multiline: true,
          hint: k.reasonHint,
          error: error || undefined,
        })}
        <div class="actions"><button class="btn danger" ?disabled=${this._dialog.busy}>${k.nonConforme}</button>
          <button class="btn secondary" type="button" @click=${() => this._close()}>${t.common.cancel}</button></div>
      </form>`
        : nothing
    }</dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-check-list': JalonCheckList;
  }
}
