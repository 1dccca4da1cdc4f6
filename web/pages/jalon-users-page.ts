// <jalon-users-page>: accounts (admin) — create, search, change a role or an establishment binding,
// give a temporary password, disable (after a confirmation) or re-enable.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { Me, PublicUser, Role } from '../../server/contract/auth.js';
import { ApiError } from '../api/client.js';
import { createUser, resetPassword, updateUser, users } from '../api/reports.js';
import { t } from '../i18n/users.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';
import { arsLabel, REGION_NAMES } from '../../shared/regions.js';

/** Roles an ARS account may have (server/domain/accounts.ts REGIONAL_ROLES). */
const REGIONAL: readonly Role[] = ['planner', 'reviewer'];
const REGION_OPTIONS = Object.entries(REGION_NAMES).sort((a, b) => a[1].localeCompare(b[1], 'fr'));

type Panel = { kind: 'edit' | 'reset' | 'disable'; user: PublicUser };
type Msg = { kind: 'error' | 'success'; text: string };

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** A temporary password the rules accept: four groups of four letters and digits, no look-alikes. */
const generated = (): string => {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]!);
  // one digit and one capital at least, whatever the draw
  chars[3] = String(2 + (bytes[3]! % 8));
  chars[6] = 'ABCDEFGHJKLMNPQRSTUVWXYZ'[bytes[6]! % 24]!;
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
};

@customElement('jalon-users-page')
export class JalonUsersPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    form.create { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; align-items: start; }
    .actions { grid-column: 1 / -1; display: flex; gap: 8px; flex-wrap: wrap; }
    .search { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 16px; margin-bottom: 16px; }
    .list { min-height: 480px; }
    td, th { vertical-align: middle; overflow-wrap: anywhere; }
    .row-actions { display: flex; gap: 8px; flex-wrap: wrap; justify-content: flex-end; }
    .panel { border-top: 4px solid var(--blue); }
    .panel.danger { border-top-color: var(--error); }
    .panel form { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; align-items: end; }
    .pw { display: flex; gap: 8px; align-items: flex-end; }
    .pw input { font-family: ui-monospace, monospace; }
    @media (max-width: 720px) {
      form.create, .panel form, .search { grid-template-columns: 1fr; }
      .card { padding: 16px; }
      /* the table becomes one card per account */
      table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      table tr { display: block; border-bottom: 1px solid var(--border); padding: 12px 0; }
      table th, table td { display: block; border: 0; padding: 2px 0; }
      td[data-label]::before { content: attr(data-label) ' : '; color: var(--mention); }
      .row-actions { justify-content: flex-start; margin-top: 8px; }
    }
  `,
  ];

  @property({ attribute: false }) me?: Me;
  @state() private _role: Role = 'planner';
  /** An ARS account's region; '' a national one. */
  @state() private _region = '';
  @state() private _msg: Msg | null = null;
  @state() private _fieldErrors: Record<string, string> = {};
  @state() private _query = '';
  @state() private _roleFilter: Role | '' = '';
  @state() private _panel: Panel | null = null;
  @state() private _panelRole: Role = 'planner';
  @state() private _panelRegion = '';
  @state() private _panelErrors: Record<string, string> = {};
  @state() private _panelMsg: Msg | null = null;
  @state() private _temp = '';
  @state() private _busy = false;
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
        ...(REGIONAL.includes(this._role) && this._region ? { region: this._region } : {}),
      });
      this._msg = { kind: 'success', text: t.users.created(u.email) };
      form.reset();
      this._region = '';
      void this._data.run();
    } catch (err) {
      if (err instanceof ApiError)
        this._fieldErrors = Object.fromEntries((err.problem.errors ?? []).map((x) => [x.path, x.message]));
      this._msg = { kind: 'error', text: (err as Error).message };
    }
  }

  private async _openPanel(kind: Panel['kind'], user: PublicUser) {
    this._panel = { kind, user };
    this._panelRole = user.role;
    this._panelRegion = user.region ?? '';
    this._panelErrors = {};
    this._panelMsg = null;
    this._temp = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#panel-title')?.focus();
  }

  private async _closePanel() {
    const id = this._panel?.user.id;
    this._panel = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-user="${id}"] button`)?.focus();
  }

  /** One write from the panel: success closes it and says so above the list; a refusal stays in it. */
  private async _write(run: () => Promise<PublicUser>, ok: (u: PublicUser) => string) {
    this._busy = true;
    this._panelErrors = {};
    this._panelMsg = null;
    try {
      const u = await run();
      this._msg = { kind: 'success', text: ok(u) };
      this._panel = null;
      await this._data.run();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.status .alert')?.focus();
    } catch (err) {
      if (err instanceof ApiError)
        this._panelErrors = Object.fromEntries((err.problem.errors ?? []).map((x) => [x.path, x.message]));
      this._panelMsg = { kind: 'error', text: (err as Error).message };
    } finally {
      this._busy = false;
    }
  }

  private _saveEdit(e: SubmitEvent, u: PublicUser) {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    const name = String(d.get('name') ?? '').trim();
    const finess = String(d.get('finess') ?? '').trim();
    const patch = {
      ...(name !== u.name ? { name } : {}),
      ...(this._panelRole !== u.role ? { role: this._panelRole } : {}),
      // an establishment account is bound to a FINESS; any other role to none
      ...(this._panelRole === 'establishment'
        ? finess !== (u.finess ?? '')
          ? { finess }
          : {}
        : u.finess
          ? { finess: null }
          : {}),
      // planners and reviewers may be bound to an ARS region; any other role to none
      ...((REGIONAL.includes(this._panelRole) ? this._panelRegion : '') !== (u.region ?? '')
        ? { region: (REGIONAL.includes(this._panelRole) && this._panelRegion) || null }
        : {}),
    };
    void this._write(
      () => (Object.keys(patch).length ? updateUser(u, patch) : Promise.resolve(u)),
      (saved) => t.users.saved(saved.email),
    );
  }

  private _saveReset(e: SubmitEvent, u: PublicUser) {
    e.preventDefault();
    const password = this._temp;
    void this._write(
      () => resetPassword(u, password),
      (saved) => t.users.resetDone(saved.email),
    );
  }

  private _toggle(u: PublicUser) {
    void this._write(
      () => updateUser(u, { disabled: !u.disabled }),
      (saved) => t.users.toggled(saved.email, !!saved.disabled),
    );
  }

  private _field(name: string, label: string, type = 'text', hint = '') {
    const err = this._fieldErrors[name];
    return html`<div class="field"><label for="u-${name}">${label}</label>
      <input id="u-${name}" name=${name} type=${type} aria-invalid=${err ? 'true' : 'false'} aria-describedby=${hint || err ? `u-${name}-h` : nothing}
        autocomplete=${type === 'password' ? 'new-password' : 'off'}>
      ${hint || err ? html`<span id="u-${name}-h" class=${err ? 'field-error' : 'hint'}>${err ?? hint}</span>` : nothing}</div>`;
  }

  private _matches(list: PublicUser[]): PublicUser[] {
    const q = fold(this._query.trim());
    return list.filter(
      (u) =>
        (!this._roleFilter || u.role === this._roleFilter) &&
        (!q || [u.email, u.name, u.role, t.roles[u.role], u.finess ?? ''].some((x) => fold(x).includes(q))),
    );
  }

  override render() {
    return html`<h1>${t.users.title}</h1><p class="lead">${t.users.intro}</p>
      <div class="status" role="status" aria-live="polite">${this._msg ? html`<div class="alert ${this._msg.kind}" tabindex="-1"><p>${this._msg.text}</p></div>` : nothing}</div>
      <section class="card" aria-labelledby="new-user"><h2 id="new-user">${t.users.create}</h2>
        <form class="create" @submit=${this._create} novalidate>
          ${this._field('name', t.users.name)}${this._field('email', t.users.email, 'email')}
          <div class="field"><label for="u-role">${t.users.role}</label>
            <select id="u-role" @change=${(e: Event) => {
              this._role = (e.target as HTMLSelectElement).value as Role;
            }}>
              ${Object.entries(t.roles).map(([k, l]) => html`<option value=${k} ?selected=${k === this._role}>${l}</option>`)}</select></div>
          ${this._role === 'establishment' ? this._field('finess', t.users.finess) : nothing}
          ${
            REGIONAL.includes(this._role)
              ? this._regionSelect('u-region', this._region, this._fieldErrors.region, (v) => (this._region = v))
              : nothing
          }
          ${this._field('password', t.users.password, 'password', t.users.passwordHint)}
          <div class="actions"><button class="btn">${t.users.create}</button></div>
        </form></section>
      ${this._panel ? this._panelView(this._panel) : nothing}
      <section class="card list" aria-label=${t.users.title}>
        <div class="search" role="search">
          <div class="field"><label for="q">${t.users.search}</label>
            <input id="q" type="search" autocomplete="off" aria-describedby="q-h" .value=${this._query}
              @input=${(e: InputEvent) => {
                this._query = (e.target as HTMLInputElement).value;
              }}>
            <span id="q-h" class="hint">${t.users.searchHint}</span></div>
          <div class="field"><label for="q-role">${t.users.roleFilter}</label>
            <select id="q-role" @change=${(e: Event) => {
              this._roleFilter = (e.target as HTMLSelectElement).value as Role | '';
            }}>
              <option value="" ?selected=${!this._roleFilter}>${t.users.allRoles}</option>
              ${Object.entries(t.roles).map(([k, l]) => html`<option value=${k} ?selected=${k === this._roleFilter}>${l}</option>`)}</select></div>
        </div>
        ${renderTask(this._data, (list) => this._table(list), { heading: false, keepValue: true })}
      </section>`;
  }

  private _table(list: PublicUser[]) {
    const shown = this._matches(list);
    const filtered = shown.length !== list.length;
    return html`<table data-testid="users-table"><caption aria-live="polite">${filtered ? t.users.countOf(shown.length, list.length) : t.users.count(list.length)}</caption>
      <thead><tr><th scope="col">${t.users.name}</th><th scope="col">${t.users.email}</th><th scope="col">${t.users.role}</th>
        <th scope="col">FINESS</th><th scope="col">${t.users.state}</th><th scope="col"><span class="sr-only">${t.common.actions}</span></th></tr></thead>
      <tbody>${shown.map((u) => this._row(u))}</tbody></table>
      ${shown.length ? nothing : html`<p class="hint">${t.users.noMatch}</p>`}`;
  }

  /** « Région (ARS) »: « Nationale », or one of the 18 ARS (by name). */
  private _regionSelect(id: string, value: string, error: string | undefined, set: (v: string) => void) {
    return html`<div class="field"><label for=${id}>${t.users.region}</label>
      <select id=${id} name="region" aria-invalid=${error ? 'true' : 'false'} aria-describedby=${`${id}-h`}
        @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!value}>${t.users.national}</option>
        ${REGION_OPTIONS.map(([code, name]) => html`<option value=${code} ?selected=${code === value}>${name}</option>`)}
      </select>
      <span id=${`${id}-h`} class=${error ? 'field-error' : 'hint'}>${error ?? t.users.regionHint}</span></div>`;
  }

  private _row(u: PublicUser) {
    const self = u.id === this.me?.user.id;
    return html`<tr data-user=${u.id}><th scope="row">${u.name}</th><td data-label=${t.users.email}>${u.email}</td>
      <td data-label=${t.users.role}>${t.roles[u.role]}${u.region ? html`<br><small>${arsLabel(u.region)}</small>` : nothing}</td><td data-label="FINESS">${u.finess ?? '—'}</td>
      <td data-label=${t.users.state}><span class="badge ${u.disabled ? 'neutral' : 'success'}">${u.disabled ? t.users.disabled : t.users.active}</span>
        ${u.mustChangePassword ? html` <span class="badge warning">${t.users.mustChange}</span>` : nothing}</td>
      <td>${
        self
          ? html`<span class="hint">${t.users.self}</span>`
          : html`<div class="row-actions">
        <button class="btn secondary small" type="button" aria-label="${t.users.edit} ${u.email}" @click=${() => this._openPanel('edit', u)}>${t.users.edit}</button>
        <button class="btn secondary small" type="button" aria-label="${t.users.reset} : ${u.email}" @click=${() => this._openPanel('reset', u)}>${t.users.reset}</button>
        ${
          u.disabled
            ? html`<button class="btn secondary small" type="button" aria-label="${t.users.enable} ${u.email}" ?disabled=${this._busy} @click=${() => this._toggle(u)}>${t.users.enable}</button>`
            : html`<button class="btn danger small" type="button" aria-label="${t.users.disable} ${u.email}" @click=${() => this._openPanel('disable', u)}>${t.users.disable}</button>`
        }</div>`
      }</td></tr>`;
  }

  private _panelView({ kind, user: u }: Panel) {
    const err = (k: string) => this._panelErrors[k];
    const title =
      kind === 'edit'
        ? t.users.editTitle(u.email)
        : kind === 'reset'
          ? t.users.resetTitle(u.email)
          : t.users.confirmDisableTitle(u.email);
    const msg = this._panelMsg
      ? html`<div class="alert error" role="alert"><p>${this._panelMsg.text}</p></div>`
      : nothing;
    const cancel = html`<button class="btn tertiary" type="button" ?disabled=${this._busy} @click=${this._closePanel}>${t.common.cancel}</button>`;
    return html`<section class="card panel ${kind === 'disable' ? 'danger' : ''}" aria-labelledby="panel-title" data-testid="user-panel">
      <h2 id="panel-title" tabindex="-1">${title}</h2>${msg}
      ${
        kind === 'edit'
          ? html`<form @submit=${(e: SubmitEvent) => this._saveEdit(e, u)} novalidate>
          <div class="field"><label for="e-name">${t.users.name}</label><input id="e-name" name="name" autocomplete="off" .value=${u.name}
            aria-invalid=${err('name') ? 'true' : 'false'} aria-describedby=${err('name') ? 'e-name-h' : nothing}>
            ${err('name') ? html`<span id="e-name-h" class="field-error">${err('name')}</span>` : nothing}</div>
          <div class="field"><label for="e-role">${t.users.role}</label>
            <select id="e-role" aria-invalid=${err('role') ? 'true' : 'false'} @change=${(e: Event) => {
              this._panelRole = (e.target as HTMLSelectElement).value as Role;
            }}>${Object.entries(t.roles).map(([k, l]) => html`<option value=${k} ?selected=${k === this._panelRole}>${l}</option>`)}</select>
            ${err('role') ? html`<span class="field-error">${err('role')}</span>` : nothing}</div>
          ${
            REGIONAL.includes(this._panelRole)
              ? this._regionSelect('e-region', this._panelRegion, err('region'), (v) => (this._panelRegion = v))
              : nothing
          }
          ${
            this._panelRole === 'establishment'
              ? html`<div class="field"><label for="e-finess">${t.users.finessBinding}</label>
            <input id="e-finess" name="finess" autocomplete="off" inputmode="text" maxlength="9" .value=${u.finess ?? ''}
              aria-invalid=${err('finess') ? 'true' : 'false'} aria-describedby="e-finess-h">
            <span id="e-finess-h" class=${err('finess') ? 'field-error' : 'hint'}>${err('finess') ?? t.users.finessHint}</span></div>`
              : nothing
          }
          <div class="actions"><button class="btn" ?disabled=${this._busy}>${t.users.save}</button>${cancel}</div></form>`
          : kind === 'reset'
            ? html`<p>${t.users.resetIntro}</p><form @submit=${(e: SubmitEvent) => this._saveReset(e, u)} novalidate>
          <div class="field" style="grid-column: span 2"><label for="r-pw">${t.users.tempPassword}</label>
            <div class="pw"><input id="r-pw" type="text" spellcheck="false" autocomplete="off" .value=${this._temp}
              aria-invalid=${err('password') ? 'true' : 'false'} aria-describedby="r-pw-h"
              @input=${(e: InputEvent) => {
                this._temp = (e.target as HTMLInputElement).value;
              }}>
            <button class="btn secondary" type="button" @click=${() => {
              this._temp = generated();
            }}>${t.users.generate}</button></div>
            <span id="r-pw-h" class=${err('password') ? 'field-error' : 'hint'}>${err('password') ?? t.users.tempHint}</span></div>
          <div class="actions"><button class="btn" ?disabled=${this._busy}>${t.users.resetSubmit}</button>${cancel}</div></form>`
            : html`<p>${t.users.confirmDisable}</p><div class="actions">
          <button class="btn danger" type="button" ?disabled=${this._busy} @click=${() => this._toggle(u)}>${t.users.confirmDisableButton}</button>${cancel}</div>`
      }</section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-users-page': JalonUsersPage;
  }
}
