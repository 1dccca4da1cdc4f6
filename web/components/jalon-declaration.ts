// <jalon-declaration>: the declaration that an establishment's action is done — declare it, see
// where it stands (awaiting a check, validated, refused and why), correct or withdraw it while
// nobody has checked it. The API holds the rules (a checked declaration is no longer theirs).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Completion } from '../../server/contract/plan.js';
import { correctCompletion, declareCompletion, withdrawCompletion } from '../api/reports.js';
import { fire } from '../lib/fire.js';
import { formatDate, localToday } from '../lib/format.js';
import { t } from '../i18n/awards.js';
import { tokens, ui } from '../lib/styles.js';
import { FIRST_DAY } from '../lib/years.js';

type Mode = 'idle' | 'declare' | 'correct' | 'withdraw';

@customElement('jalon-declaration')
export class JalonDeclaration extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; margin-top: 16px; }
    .state { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 0; }
    .state p { margin: 0; }
    .done { color: var(--success); font-weight: 500; }
    .refused { margin: 0 0 12px; }
    .buttons { display: flex; flex-wrap: wrap; gap: 8px; }
    form { display: flex; gap: 12px; align-items: flex-end; flex-wrap: wrap; margin-top: 8px; }
    form .field { flex: 0 1 220px; }
    .confirm { margin-top: 8px; padding: 12px 16px; border-left: 4px solid var(--warning); background: var(--bg-alt); }
    .confirm p { margin: 0 0 8px; }
  `,
  ];

  /** Every declaration of this action by this establishment (refused ones stay on record). */
  @property({ attribute: false }) completions: Completion[] = [];
  @property() finess = '';
  @property() actionId = '';
  @property() actionTitle = '';
  /** Only an approved award can be declared done. */
  @property({ type: Boolean }) declarable = false;
  @state() private _mode: Mode = 'idle';
  @state() private _date = localToday();
  @state() private _busy = false;
  @state() private _msg: { kind: 'error' | 'success'; text: string } | null = null;

  /** The declaration that stands (not refused), and the refused ones, latest first. */
  private _split() {
    const sorted = [...this.completions].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { current: sorted.find((c) => !c.refusedAt), refused: sorted.filter((c) => c.refusedAt) };
  }

  private async _open(mode: Mode, date = localToday()) {
    this._mode = mode;
    this._date = date;
    this._msg = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(mode === 'withdraw' ? '.confirm button' : 'input[type="date"]')?.focus();
  }

  private async _close() {
    this._mode = 'idle';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.buttons button')?.focus();
  }

  /** One write, its message, and the page told to read the awards again. */
  private async _run(write: () => Promise<Completion>, ok: string) {
    this._busy = true;
    this._msg = null;
    try {
      const completion = await write();
      this._msg = { kind: 'success', text: ok };
      this._mode = 'idle';
      fire(this, 'completion-declared', { completion });
    } catch (err) {
      this._msg = { kind: 'error', text: (err as Error).message };
    } finally {
      this._busy = false;
    }
  }

  private _submit(e: SubmitEvent, current: Completion | undefined) {
    e.preventDefault();
    const date = this._date;
    if (this._mode === 'correct' && current)
      void this._run(() => correctCompletion(current, date), t.declaration.corrected(formatDate(date)));
    else
      void this._run(
        () => declareCompletion({ finess: this.finess, actionId: this.actionId, completedOn: date }),
        t.awards.declaredOk(this.actionTitle),
      );
  }

  private _withdraw(current: Completion) {
    void this._run(
      async () => {
        await withdrawCompletion(current);
        return current;
      },
      t.declaration.withdrawn(formatDate(current.completedOn)),
    );
  }

  override render() {
    const { current, refused } = this._split();
    const id = `dc-${this.finess}-${this.actionId}`;
    return html`
      ${refused.map(
        (c) =>
          html`<div class="alert error refused"><p><strong>${t.declaration.refused(formatDate(c.completedOn), formatDate(c.refusedAt!))}</strong> ${c.refusalReason ?? ''}</p></div>`,
      )}
      ${current ? this._current(current, id) : this._none(refused.length > 0, id)}
      <div role="status" aria-live="polite">${this._msg ? html`<div class="alert ${this._msg.kind}" style="margin:12px 0 0"><p>${this._msg.text}</p></div>` : nothing}</div>`;
  }

  private _current(c: Completion, id: string) {
    const declared = t.awards.declared(formatDate(c.completedOn));
    if (c.validatedAt)
      return html`<p class="state done">✓ ${declared} — ${t.declaration.validated(formatDate(c.validatedAt))}</p>`;
    return html`<div class="state"><p>${declared} — <span class="badge warning">${t.awards.pendingCheck}</span></p>
        ${
          this._mode === 'idle'
            ? html`<div class="buttons">
          <button class="btn secondary small" type="button" aria-label="${t.declaration.correct} : ${this.actionTitle}"
            @click=${() => this._open('correct', c.completedOn)}>${t.declaration.correct}</button>
          <button class="btn danger small" type="button" aria-label="${t.declaration.withdraw} : ${this.actionTitle}"
            @click=${() => this._open('withdraw')}>${t.declaration.withdraw}</button></div>`
            : nothing
        }</div>
      ${this._mode === 'correct' ? this._form(id, c, t.declaration.saveCorrection) : nothing}
      ${
        this._mode === 'withdraw'
          ? html`<div class="confirm" role="group" aria-labelledby="${id}-w"><p id="${id}-w">${t.declaration.confirmWithdraw(formatDate(c.completedOn))}</p>
          <div class="buttons"><button class="btn danger" type="button" ?disabled=${this._busy} @click=${() => this._withdraw(c)}>${t.declaration.confirmWithdrawButton}</button>
          <button class="btn tertiary" type="button" ?disabled=${this._busy} @click=${this._close}>${t.common.cancel}</button></div></div>`
          : nothing
      }`;
  }

  private _none(afterRefusal: boolean, id: string) {
    if (!this.declarable) return nothing;
    const label = afterRefusal ? t.declaration.declareAgain : t.awards.declare;
    return this._mode === 'declare'
      ? this._form(id, undefined, t.awards.confirmDeclare)
      : html`<p class="buttons" style="margin:0"><button class="btn declare" type="button" aria-label="${label} : ${this.actionTitle}" @click=${() => this._open('declare')}>${label}</button></p>`;
  }

  private _form(id: string, current: Completion | undefined, submit: string) {
    return html`<form @submit=${(e: SubmitEvent) => this._submit(e, current)}>
      <div class="field"><label for="${id}-d">${current ? t.declaration.newDate : t.awards.completedOn}</label>
        <input id="${id}-d" type="date" min=${FIRST_DAY} max=${localToday()} .value=${this._date}
          @input=${(e: InputEvent) => {
            this._date = (e.target as HTMLInputElement).value;
          }} required></div>
      <button class="btn" ?disabled=${this._busy}>${submit}</button>
      <button class="btn tertiary" type="button" ?disabled=${this._busy} @click=${this._close}>${t.common.cancel}</button></form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-declaration': JalonDeclaration;
  }
}
