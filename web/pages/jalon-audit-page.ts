// <jalon-audit-page>: the audit trail with filters (object, author, period) and paging.
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { AuditEvent } from '../../server/contract/audit.js';
import { auditTrail, type AuditFilters } from '../api/reports.js';
import { formatDateTime } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { tokens, ui } from '../lib/styles.js';
import { readParams, writeParams } from '../lib/url.js';

const KEYS = ['entity', 'actor', 'from', 'to'] as const;
const PAGE = 50;

/** A short French summary of what changed, e.g. "montants, statut". */
const changed = (e: AuditEvent): string => {
  const b = (e.before ?? {}) as Record<string, unknown>, a = (e.after ?? {}) as Record<string, unknown>;
  if (!e.before) return t.audit.created;
  if (!e.after) return t.audit.deleted;
  const keys = Object.keys({ ...b, ...a }).filter((k) => !['rev', 'updatedAt', 'updatedBy'].includes(k) && JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  return [...new Set(keys.map((k) => t.audit.fields[k] ?? k))].join(', ') || '—';
};

@customElement('jalon-audit-page')
export class JalonAuditPage extends LitElement {
  static override styles = [tokens, ui, css`
    :host { display: block; }
    form { display: grid; grid-template-columns: 1fr 1.5fr 1fr 1fr auto; gap: 16px; align-items: end; margin-bottom: 24px; }
    .pager { display: flex; gap: 12px; align-items: center; justify-content: flex-end; margin-top: 16px; }
    code { font-size: 0.8125rem; }
    td { font-size: 0.9375rem; }
  `];

  @state() private _f: Record<(typeof KEYS)[number], string> = readParams(KEYS);
  @state() private _offset = 0;

  private _data = new Task(this, {
    task: ([f, offset]) => auditTrail({ ...(f as AuditFilters), offset }),
    args: () => [this._f, this._offset] as const,
  });

  private _submit(e: SubmitEvent) {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    this._f = Object.fromEntries(KEYS.map((k) => [k, String(d.get(k) ?? '').trim()])) as typeof this._f;
    this._offset = 0;
    writeParams(this._f);
  }

  override render() {
    return html`<h1>${t.audit.title}</h1><p class="lead">${t.audit.intro}</p>
      <form class="card" @submit=${this._submit} role="search" aria-label=${t.audit.title}>
        <div class="field"><label for="a-entity">${t.audit.entity}</label>
          <select id="a-entity" name="entity"><option value="">${t.common.all}</option>
            ${Object.entries(t.audit.entities).map(([k, l]) => html`<option value=${k} ?selected=${k === this._f.entity}>${l}</option>`)}</select></div>
        <div class="field"><label for="a-actor">${t.audit.actor}</label><input id="a-actor" name="actor" type="email" .value=${this._f.actor}></div>
        <div class="field"><label for="a-from">${t.audit.from}</label><input id="a-from" name="from" type="date" .value=${this._f.from}></div>
        <div class="field"><label for="a-to">${t.audit.to}</label><input id="a-to" name="to" type="date" .value=${this._f.to}></div>
        <button class="btn">${t.audit.apply}</button>
      </form>
      ${this._data.render({
        pending: () => html`<p class="loading" role="status">${t.app.loading}</p>`,
        error: (e) => html`<div class="alert error" role="alert"><strong>${t.errors.load}</strong><p>${(e as Error).message}</p></div>`,
        complete: (p) => html`<div class="card">
          <table data-testid="audit-table"><caption>${t.audit.count(p.total)}</caption>
            <thead><tr><th scope="col">${t.audit.at}</th><th scope="col">${t.audit.actor}</th><th scope="col">${t.audit.action}</th>
              <th scope="col">${t.audit.entity}</th><th scope="col">${t.audit.id}</th><th scope="col">${t.audit.change}</th></tr></thead>
            <tbody>${p.items.length === 0 ? html`<tr><td colspan="6">${t.audit.empty}</td></tr>` : p.items.map((e) => html`<tr>
              <td class="num">${formatDateTime(e.at)}</td><td>${e.actor || '—'}</td><td>${t.audit.actions[e.action] ?? e.action}</td>
              <td>${t.audit.entities[e.entity] ?? e.entity}</td><td><code>${e.id}</code></td><td>${changed(e)}</td></tr>`)}</tbody>
          </table>
          <div class="pager">
            <button class="btn secondary small" ?disabled=${this._offset === 0} @click=${() => { this._offset = Math.max(0, this._offset - PAGE); }}>${t.common.previous}</button>
            <span>${p.total ? `${this._offset + 1}–${Math.min(p.total, this._offset + PAGE)} / ${p.total}` : ''}</span>
            <button class="btn secondary small" ?disabled=${this._offset + PAGE >= p.total} @click=${() => { this._offset += PAGE; }}>${t.common.next}</button>
          </div></div>`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'jalon-audit-page': JalonAuditPage }
}
