// <jalon-users-page>: accounts (admin) — list, create, disable or re-enable.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { Me, PublicUser, Role } from '../../server/contract/auth.js';
import { ApiError } from '../api/client.js';
import { createUser, setUserDisabled, users } from '../api/reports.js';
import { t } from '../i18n/users.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';

@customElement('jalon-users-page')
export class JalonUsersPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    form { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 16px; align-items: start; }
    .actions { grid-column: 1 / -1; }
    td { vertical-align: middle; }
  `,
  ];

  @property({ attribute: false }) me?: Me;
  @state() private _role: Role = 'planner';
  @state() private _msg: { kind: 'error' | 'success'; text: string } | null = null;
  @state() private _fieldErrors: Record<string, string> = {};
  private _data = new Task(this, { task: () => users(), args: () => [] });

  private async _create(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    const s = (k: string) => String(d.get(k) ?? '').trim();
    this._msg = null;
    this._fieldErrors = {};
    try {
      const u = await createUser({
        email: s('email'),
        name: s('name'),
        role: this._role,
        password: String(d.get('password') ?? ''),
        ...(this._role === 'establishment' ? { finess: s('finess') } : {}),
      });
      this._msg = { kind: 'success', text: t.users.created(u.email) };
      form.reset();
      void this._data.run();
    } catch (err) {
      if (err instanceof ApiError)
        this._fieldErrors = Object.fromEntries((err.problem.errors ?? []).map((x) => [x.path, x.message]));
      this._msg = { kind: 'error', text: (err as Error).message };
    }
  }

  private async _toggle(u: PublicUser) {
    try {
      const saved = await setUserDisabled(u, !u.disabled);
      this._msg = { kind: 'success', text: t.users.toggled(saved.email, !!saved.disabled) };
      void this._data.run();
    } catch (err) {
      this._msg = { kind: 'error', text: (err as Error).message };
    }
  }

  private _field(name: string, label: string, type = 'text', hint = '') {
    const err = this._fieldErrors[name];
    return html`<div class="field"><label for="u-${name}">${label}</label>
      <input id="u-${name}" name=${name} type=${type} aria-invalid=${err ? 'true' : 'false'} aria-describedby=${hint || err ? `u-${name}-h` : nothing}
        autocomplete=${type === 'password' ? 'new-password' : 'off'}>
      ${hint || err ? html`<span id="u-${name}-h" class=${err ? 'field-error' : 'hint'}>${err ?? hint}</span>` : nothing}</div>`;
  }

  override render() {
    return html`<h1>${t.users.title}</h1><p class="lead">${t.users.intro}</p>
      <div role="status" aria-live="polite">${this._msg ? html`<div class="alert ${this._msg.kind}"><p>${this._msg.text}</p></div>` : nothing}</div>
      <section class="card" aria-labelledby="new-user"><h2 id="new-user">${t.users.create}</h2>
        <form @submit=${this._create} novalidate>
          ${this._field('name', t.users.name)}${this._field('email', t.users.email, 'email')}
          <div class="field"><label for="u-role">${t.users.role}</label>
            <select id="u-role" @change=${(e: Event) => {
              this._role = (e.target as HTMLSelectElement).value as Role;
            }}>
              ${Object.entries(t.roles).map(([k, l]) => html`<option value=${k} ?selected=${k === this._role}>${l}</option>`)}</select></div>
          ${this._role === 'establishment' ? this._field('finess', t.users.finess) : nothing}
          ${this._field('password', t.users.password, 'password', t.users.passwordHint)}
          <div class="actions"><button class="btn">${t.users.create}</button></div>
        </form></section>
      ${renderTask(
        this._data,
        (
          list,
        ) => html`<div class="card"><table data-testid="users-table"><caption>${t.users.count(list.length)}</caption>
          <thead><tr><th scope="col">${t.users.name}</th><th scope="col">${t.users.email}</th><th scope="col">${t.users.role}</th>
            <th scope="col">FINESS</th><th scope="col">${t.users.state}</th><th scope="col"><span class="sr-only">${t.common.actions}</span></th></tr></thead>
          <tbody>${list.map(
            (
              u,
            ) => html`<tr><th scope="row">${u.name}</th><td>${u.email}</td><td>${t.roles[u.role]}</td><td>${u.finess ?? '—'}</td>
            <td><span class="badge ${u.disabled ? 'neutral' : 'success'}">${u.disabled ? t.users.disabled : t.users.active}</span></td>
            <td>${
              u.id === this.me?.user.id
                ? html`<span class="hint">${t.users.self}</span>`
                : html`<button class="btn ${u.disabled ? 'secondary' : 'danger'} small" @click=${() => this._toggle(u)} aria-label="${u.disabled ? t.users.enable : t.users.disable} ${u.email}">
              ${u.disabled ? t.users.enable : t.users.disable}</button>`
            }</td></tr>`,
          )}</tbody></table></div>`,
        { heading: false },
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-users-page': JalonUsersPage;
  }
}
