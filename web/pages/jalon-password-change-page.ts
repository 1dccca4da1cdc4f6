// <jalon-password-change-page>: the step before anything else for an account whose administrator
// gave it a temporary password: the user chooses their own, then is signed in again with it (a
// password change ends every session of the account, this one included).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Me } from '../../server/contract/auth.js';
import { changePassword } from '../api/account.js';
import { ApiError } from '../api/client.js';
import { login } from '../api/session.js';
import { fire } from '../lib/fire.js';
import { t } from '../i18n/login.js';
import { tokens, ui } from '../lib/styles.js';

@customElement('jalon-password-change-page')
export class JalonPasswordChangePage extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    .wrap { max-width: 560px; margin: 24px auto; background: var(--bg); border: 1px solid var(--border); padding: 40px 48px; }
    form { display: grid; gap: 20px; margin-top: 24px; }
    @media (max-width: 720px) { .wrap { padding: 24px 16px; margin: 0; } }
  `,
  ];

  @property({ attribute: false }) me?: Me;
  @state() private _errors: Record<string, string> = {};
  @state() private _error = '';
  @state() private _pending = false;

  override firstUpdated() {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    const current = String(d.get('current') ?? ''),
      next = String(d.get('next') ?? ''),
      again = String(d.get('again') ?? '');
    this._errors = {};
    this._error = '';
    if (next !== again) {
      this._errors = { again: t.change.mismatch };
      this._error = t.change.mismatch;
      return;
    }
    this._pending = true;
    try {
      await changePassword(current, next);
      fire(this, 'login', await login(this.me!.user.email, next));
    } catch (err) {
      if (err instanceof ApiError) {
        const current = err.fieldMessage('currentPassword'),
          nextMsg = err.fieldMessage('newPassword');
        this._errors = { ...(current ? { current } : {}), ...(nextMsg ? { next: nextMsg } : {}) };
      }
      this._error = (err as Error).message;
    } finally {
      this._pending = false;
    }
  }

  private _field(name: string, label: string, autocomplete: string, hint = '') {
    const err = this._errors[name];
    const described = [hint ? `${name}-hint` : '', err ? `${name}-err` : ''].filter(Boolean).join(' ');
    return html`<div class="field"><label for=${name}>${label}</label>
      ${hint ? html`<span class="hint" id="${name}-hint">${hint}</span>` : nothing}
      <input id=${name} name=${name} type="password" autocomplete=${autocomplete} required
        aria-invalid=${err ? 'true' : 'false'} aria-describedby=${described || nothing}>
      ${err ? html`<span class="field-error" id="${name}-err">${err}</span>` : nothing}</div>`;
  }

  override render() {
    return html`<div class="wrap">
      <h1 tabindex="-1">${t.change.title}</h1>
      <p class="hint">${t.change.intro}</p>
      <div role="alert">${this._error ? html`<div class="alert error"><p>${this._error}</p></div>` : nothing}</div>
      <form @submit=${this._submit} novalidate>
        <input type="hidden" name="username" autocomplete="username" .value=${this.me?.user.email ?? ''}>
        ${this._field('current', t.change.current, 'current-password')}
        ${this._field('next', t.change.next, 'new-password', t.change.nextHint)}
        ${this._field('again', t.change.confirm, 'new-password')}
        <div><button class="btn" type="submit" ?disabled=${this._pending}>${this._pending ? t.change.pending : t.change.submit}</button></div>
      </form>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-password-change-page': JalonPasswordChangePage;
  }
}
