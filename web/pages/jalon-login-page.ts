// <jalon-login-page>: labelled e-mail and password, errors from the API in French.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/client.js';
import { login } from '../api/session.js';
import { fire } from '../lib/fire.js';
import { t } from '../i18n/login.js';
import { tokens, ui } from '../lib/styles.js';

@customElement('jalon-login-page')
export class JalonLoginPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    .wrap { max-width: 560px; margin: 24px auto; background: var(--bg); border: 1px solid var(--border); padding: 40px 48px; }
    form { display: grid; gap: 20px; margin-top: 24px; }
    .actions { display: flex; justify-content: flex-start; }
    .demo { margin-top: 24px; padding-top: 16px; border-top: 1px solid var(--border); }
    .forgot { margin-top: 24px; padding-top: 16px; border-top: 1px solid var(--border); }
    .forgot h2 { font-size: 1rem; margin: 0 0 4px; }
    .forgot p { margin: 0; font-size: 0.9375rem; color: var(--muted); }
    @media (max-width: 720px) { .wrap { padding: 24px 16px; margin: 0; } }
  `,
  ];

  /** A message from the shell (e.g. the session expired). */
  @property() notice = '';
  @state() private _error = '';
  @state() private _pending = false;

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!email || !password) {
      this._error = t.login.missing;
      return;
    }
    this._pending = true;
    this._error = '';
    try {
      fire(this, 'login', await login(email, password));
    } catch (err) {
      this._error = err instanceof ApiError ? err.message : String(err);
    } finally {
      this._pending = false;
    }
  }

  override render() {
    return html`<div class="wrap">
      <h1>${t.login.title}</h1>
      <p class="hint">${t.login.intro}</p>
      ${this.notice && !this._error ? html`<div class="alert info" role="status"><p>${this.notice}</p></div>` : nothing}
      <div role="alert">${this._error ? html`<div class="alert error"><p>${this._error}</p></div>` : nothing}</div>
      <form @submit=${this._submit} novalidate>
        <div class="field">
          <label for="email">${t.login.email}</label>
          <span class="hint" id="email-hint">${t.login.emailHint}</span>
          <input id="email" name="email" type="email" autocomplete="username" aria-describedby="email-hint" required
            aria-invalid=${this._error ? 'true' : 'false'}>
        </div>
        <div class="field">
          <label for="password">${t.login.password}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required aria-invalid=${this._error ? 'true' : 'false'}>
        </div>
        <div class="actions"><button class="btn" type="submit" ?disabled=${this._pending}>${this._pending ? t.login.pending : t.login.submit}</button></div>
      </form>
      <div class="forgot"><h2>${t.login.forgotTitle}</h2><p>${t.login.forgot}</p></div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-login-page': JalonLoginPage;
  }
}
