// <jalon-api-tokens>: the user's API tokens — make one (name, lifetime), see its secret once,
// list them with their deadline and state, revoke one.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { TokenView } from '../../server/contract/auth.js';
import { createToken, myTokens, revokeToken } from '../api/account.js';
import { ApiError } from '../api/client.js';
import { formatDate, formatDateTime } from '../lib/format.js';
import { t } from '../i18n/account.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';

const STATE_BADGE = { active: 'success', expired: 'neutral', revoked: 'error' } as const;

@customElement('jalon-api-tokens')
export class JalonApiTokens extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    form { display: grid; grid-template-columns: 2fr 1fr auto; gap: 16px; align-items: start; margin-bottom: 16px; }
    form .submit { padding-top: 1.75rem; }
    @media (max-width: 640px) { form { grid-template-columns: 1fr; } form .submit { padding-top: 0; } }
    code { font-size: 0.9375rem; word-break: break-all; }
    .secret code { display: block; padding: 8px; background: var(--bg-contrast); color: var(--text); user-select: all; }
    .table { overflow-x: auto; }
  `,
  ];

  @state() private _created: (TokenView & { token: string }) | null = null;
  @state() private _msg: { kind: 'error' | 'success'; text: string } | null = null;
  @state() private _nameError = '';
  private _list = new Task(this, { task: () => myTokens(), args: () => [] });

  private async _create(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    this._msg = null;
    this._nameError = '';
    try {
      this._created = await createToken(String(d.get('name') ?? '').trim(), Number(d.get('days')));
      form.reset();
      void this._list.run();
    } catch (err) {
      this._created = null;
      if (err instanceof ApiError) this._nameError = err.fieldMessage('name') ?? '';
      this._msg = { kind: 'error', text: (err as Error).message };
    }
  }

  private async _revoke(tok: TokenView) {
    try {
      await revokeToken(tok.id);
      if (this._created?.id === tok.id) this._created = null;
      this._msg = { kind: 'success', text: t.account.revoked(tok.name) };
      void this._list.run();
    } catch (err) {
      this._msg = { kind: 'error', text: (err as Error).message };
    }
  }

  private _row(tok: TokenView) {
    const a = t.account;
    return html`<tr><th scope="row">${tok.name}</th><td><code>${tok.prefix}…</code></td><td>${formatDateTime(tok.createdAt)}</td>
      <td>${formatDate(tok.expiresAt)}</td>
      <td><span class="badge ${STATE_BADGE[tok.state]}">${a.states[tok.state]}</span>${
        tok.state === 'revoked' && tok.revokedReason
          ? html` <span class="hint">${a.reasons[tok.revokedReason]}</span>`
          : nothing
      }</td>
      <td>${tok.state === 'active' ? html`<button class="btn danger small" @click=${() => this._revoke(tok)} aria-label="${a.revoke} ${tok.name}">${a.revoke}</button>` : nothing}</td></tr>`;
  }

  override render() {
    const a = t.account;
    return html`<div role="status" aria-live="polite">${this._msg ? html`<div class="alert ${this._msg.kind}"><p>${this._msg.text}</p></div>` : nothing}
      ${
        this._created
          ? html`<div class="alert success secret" data-testid="token-secret"><strong>${a.secretTitle}</strong>
        <p><code>${this._created.token}</code></p><p>${a.secretHint(formatDate(this._created.expiresAt))}</p></div>`
          : nothing
      }</div>
      <form @submit=${this._create} novalidate>
        <div class="field"><label for="tok-name">${a.tokenName}</label>
          <input id="tok-name" name="name" maxlength="100" autocomplete="off" aria-invalid=${this._nameError ? 'true' : 'false'} aria-describedby="tok-name-h">
          <span id="tok-name-h" class=${this._nameError ? 'field-error' : 'hint'}>${this._nameError || a.tokenNameHint}</span></div>
        <div class="field"><label for="tok-days">${a.days}</label>
          <select id="tok-days" name="days">${a.dayChoices.map(([days, label]) => html`<option value=${days} ?selected=${days === 90}>${label}</option>`)}</select></div>
        <div class="submit"><button class="btn">${a.create}</button></div>
      </form>
      ${renderTask(
        this._list,
        (list) =>
          list.length
            ? html`<div class="table" tabindex="0" role="region" aria-label=${a.listRegion}><table data-testid="tokens-table"><caption>${a.count(list.length)}</caption>
          <thead><tr><th scope="col">${a.tokenName}</th><th scope="col">${a.prefix}</th><th scope="col">${a.created}</th><th scope="col">${a.expires}</th>
            <th scope="col">${a.state}</th><th scope="col"><span class="sr-only">${t.common.actions}</span></th></tr></thead>
          <tbody>${list.map((tok) => this._row(tok))}</tbody></table></div>`
            : html`<p class="hint">${a.none}</p>`,
        { heading: false },
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-api-tokens': JalonApiTokens;
  }
}
