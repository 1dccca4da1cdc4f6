// <jalon-audit-page>: the audit trail with filters (object, author, period) and paging.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { AuditEvent } from '../../server/contract/audit.js';
import { allocationsByIds } from '../api/allocations.js';
import type { PlanReader } from '../api/plan.js';
import { auditTrail, type AuditFilters } from '../api/reports.js';
import { scenarios } from '../api/scenarios.js';
import { windows } from '../api/windows.js';
import {
  changeLines,
  describeSubject,
  emptyRefs,
  paymentAllocationIds,
  type AuditRefs,
  type ChangeLine,
} from '../lib/audit-lines.js';
import { formatDateTime } from '../lib/format.js';
import { t } from '../i18n/audit.js';
import { pager } from '../lib/pager.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';
import { readParams, writeParams } from '../lib/url.js';

const KEYS = ['entity', 'actor', 'from', 'to'] as const;
const PAGE = 50;

/** Names for the ids events carry (lists cached for the session); without them the ids are shown. */
const references = async (reference: PlanReader): Promise<AuditRefs> => {
  const [establishments, acts, envs, pooled] = await Promise.all([
    reference.establishmentIndex(),
    reference.actions(),
    reference.envelopes(),
    reference.pooledIndex().catch(() => new Map()),
  ]);
  return {
    ...emptyRefs,
    establishments,
    actions: new Map(acts.map((a) => [a.id, a])),
    envelopes: new Map(envs.map((e) => [e.id, e])),
    pooled,
  };
};

/** The windows' codes and the scenarios' names, asked for only when the page's events need them. */
const byId = async <T extends { id: string }>(need: boolean, list: () => Promise<T[]>) =>
  new Map((need ? await list().catch(() => []) : []).map((x) => [x.id, x]));

/** A page of events and what names them: the lists, and the allocations its payments point to. */
const load = async (f: AuditFilters, reference: PlanReader) => {
  const refs = references(reference).catch(() => emptyRefs);
  const page = await auditTrail(f);
  const has = (entity: string) => page.items.some((e) => e.entity === entity);
  const [known, paid, wins, scens] = await Promise.all([
    refs,
    allocationsByIds(paymentAllocationIds(page.items)).catch(() => []),
    byId(has('applications'), windows),
    byId(has('scenarioLines') || has('scenarios'), scenarios),
  ]);
  return {
    page,
    refs: {
      ...known,
      allocations: new Map(paid.map((a) => [a.id, a])),
      windows: wins,
      scenarios: scens,
    } satisfies AuditRefs,
  };
};

const line = (l: ChangeLine) =>
  html`<li><span class="f">${l.label}\u00a0:</span> ${
    l.before !== undefined && l.after !== undefined
      ? html`<span class="was">${l.before}</span> → <span class="now">${l.after}</span>`
      : l.after !== undefined
        ? html`<span class="now">${l.after}</span>`
        : html`<span class="was">${l.before}</span>`
  }</li>`;

@customElement('jalon-audit-page')
export class JalonAuditPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    form { display: grid; grid-template-columns: 1fr 1.5fr 1fr 1fr auto; gap: 16px; align-items: end; margin-bottom: 24px; }
    table { table-layout: fixed; }
    td { font-size: 0.9375rem; line-height: 1.375rem; overflow-wrap: anywhere; }
    .c-at { width: 9.5rem; } .c-actor { width: 13rem; } .c-action { width: 8.5rem; } .c-subject { width: 31%; }
    .at { white-space: nowrap; }
    .small { display: block; font-size: 0.8125rem; color: var(--mention); }
    .kind { display: block; font-size: 0.75rem; font-weight: 700; letter-spacing: 0.04em; text-transform: uppercase; color: var(--mention); }
    .title { display: block; font-weight: 600; }
    .details { display: block; color: var(--muted); font-size: 0.875rem; }
    .details span { display: inline-block; max-width: 100%; }
    code { font-size: 0.75rem; color: var(--mention); }
    .changes { list-style: none; margin: 0; padding: 0; }
    .changes li + li { margin-top: 2px; }
    .f { color: var(--muted); }
    .was { color: var(--mention); }
    .now { font-weight: 600; }
    .more { font-style: italic; color: var(--mention); }
    /* the events take their room before they arrive: the page does not jump as they load */
    .results { min-height: 640px; }
    @media (max-width: 900px) { form { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
    /* a phone: each event becomes a card, every cell with its column's name */
    @media (max-width: 720px) {
      form { grid-template-columns: minmax(0, 1fr); }
      table, colgroup, thead, tbody, tr, td { display: block; width: auto; }
      caption { display: block; text-align: left; }
      thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      tbody tr { border: 1px solid var(--border); padding: 8px 12px; margin-bottom: 8px; }
      td { border: 0; padding: 2px 0; }
      td[data-label]::before { content: attr(data-label); display: block; font-size: 0.75rem; font-weight: 700; color: var(--mention); }
      .at { white-space: normal; }
    }
  `,
  ];

  @state() private _f: Record<(typeof KEYS)[number], string> = readParams(KEYS);
  @state() private _offset = 0;
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;

  private _data = new Task(this, {
    task: ([f, offset, reference]) => load({ ...(f as AuditFilters), offset }, reference),
    args: () => [this._f, this._offset, this._plan.reference] as const,
  });

  private _submit(e: SubmitEvent) {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    this._f = Object.fromEntries(KEYS.map((k) => [k, String(d.get(k) ?? '').trim()])) as typeof this._f;
    this._offset = 0;
    writeParams(this._f);
  }

  private _row(e: AuditEvent, refs: AuditRefs) {
    const s = describeSubject(e, refs);
    const { lines, more } = changeLines(e, refs);
    return html`<tr data-entity=${e.entity} data-id=${e.id}>
      <td class="at" data-label=${t.audit.at}>${formatDateTime(e.at)}<span class="small">${t.audit.seq(e.seq)}</span></td>
      <td data-label=${t.audit.author}>${e.actor || t.common.none}</td>
      <td data-label=${t.audit.action}>${t.audit.actionLabel(e.action, e.entity)}${e.ref ? ` ${t.audit.reverses(e.ref)}` : ''}</td>
      <td data-label=${t.audit.entity}><span class="kind">${s.kind}</span><span class="title">${s.title}</span>
        ${s.details.length ? html`<span class="details">${s.details.map((d, i) => html`${i ? ' · ' : ''}<span>${d}</span>`)}</span>` : nothing}
        ${s.title === e.id ? nothing : html`<code>${e.id}</code>`}</td>
      <td data-label=${t.audit.change}>${lines.length ? html`<ul class="changes">${lines.map(line)}${more ? html`<li class="more">${t.audit.more(more)}</li>` : nothing}</ul>` : t.common.none}</td>
    </tr>`;
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
      <div class="results">${renderTask(
        this._data,
        ({ page: p, refs }) => html`<div class="card">
          <table data-testid="audit-table"><caption>${t.audit.count(p.total)}</caption>
            <colgroup><col class="c-at"><col class="c-actor"><col class="c-action"><col class="c-subject"><col></colgroup>
            <thead><tr><th scope="col">${t.audit.at}</th><th scope="col">${t.audit.author}</th><th scope="col">${t.audit.action}</th>
              <th scope="col">${t.audit.entity}</th><th scope="col">${t.audit.change}</th></tr></thead>
            <tbody>${p.items.length === 0 ? html`<tr><td colspan="5">${t.audit.empty}</td></tr>` : p.items.map((e) => this._row(e, refs))}</tbody>
          </table>
          ${pager({
            offset: this._offset,
            size: PAGE,
            shown: p.items.length,
            total: p.total,
            go: (o) => {
              this._offset = o;
            },
          })}</div>`,
      )}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-audit-page': JalonAuditPage;
  }
}
