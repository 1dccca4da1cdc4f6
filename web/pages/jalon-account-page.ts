// <jalon-account-page>: the signed-in user's own account — change the password, manage API tokens.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../components/jalon-api-tokens.js';
import { changePassword } from '../api/account.js';
import { ApiError } from '../api/client.js';
import { fire } from '../lib/fire.js';
import { t } from '../i18n/account.js';
import { tokens, ui } from '../lib/styles.js';

@customElement('jalon-account-page')
export class JalonAccountPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    form { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; align-items: start; max-width: 720px; }
    @media (max-width: 640px) { form { grid-template-columns: 1fr; } }
    .actions { grid-column: 1 / -1; }
  `,
  ];

  @state() private _error = '';
  @state() private _fieldErrors: Record<string, string> = {};
  @state() private _saving = false;

  private async _change(e: SubmitEvent) {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    this._error = '';
    this._fieldErrors = {};
    this._saving = true;
    try {
      await changePassword(String(d.get('currentPassword') ?? ''), String(d.get('newPassword') ?? ''));
      // the server closed every session of the account, this one included
      fire(this, 'logout', { notice: t.account.changed });
    } catch (err) {
      if (err instanceof ApiError)
        this._fieldErrors = Object.fromEntries((err.problem.errors ?? []).map((x) => [x.path, x.message]));
      this._error = (err as Error).message;
    } finally {
      this._saving = false;
    }
  }

  private _field(name: 'currentPassword' | 'newPassword', label: string, autocomplete: string, hint = '') {
    const err = this._fieldErrors[name];
    return html`<div class="field"><label for="pw-${name}">${label}</label>
      <input id="pw-${name}" name=${name} type="password" autocomplete=${autocomplete} required aria-invalid=${err ? 'true' : 'false'}
        aria-describedby=${hint || err ? `pw-${name}-h` : nothing}>
      ${hint || err ? html`<span id="pw-${name}-h" class=${err ? 'field-error' : 'hint'}>${err ?? hint}</span>` : nothing}</div>`;
  }

  override render() {
    const a = t.account;
    return html`<h1>${a.title}</h1><p class="lead">${a.intro}</p>
      <section class="card" aria-labelledby="pw-title"><h2 id="pw-title">${a.password}</h2>
        <div role="status" aria-live="polite">${this._error ? html`<div class="alert error"><p>${this._error}</p></div>` : nothing}</div>
        <form @submit=${this._change} novalidate>
          ${this._field('currentPassword', a.current, 'current-password')}
          ${this._field('newPassword', a.next, 'new-password', a.nextHint)}
          <div class="actions"><button class="btn" ?disabled=${this._saving}>${a.change}</button></div>
        </form></section>
      <section class="card" aria-labelledby="tok-title"><h2 id="tok-title">${a.tokens}</h2><p>${a.tokensIntro}</p>
        <jalon-api-tokens></jalon-api-tokens></section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-account-page': JalonAccountPage;
  }
}
