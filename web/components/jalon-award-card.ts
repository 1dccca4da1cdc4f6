// <jalon-award-card>: one funded action of an establishment — approved amounts, payments,
// milestones, its tranches (each one's state: paid, to be paid, or what it still waits for), and
// the declaration that the action is done.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AwardLine, Completion, MilestoneProgress, TrancheStatus } from '../../server/contract/plan.js';
import { amountOf, formatDate, formatEuros, formatPercent, formatSignedEuros, sumAmounts } from '../lib/format.js';
import { t } from '../i18n/awards.js';
import { tokens, ui } from '../lib/styles.js';
import { YEARS } from '../lib/years.js';
import './jalon-declaration.js';

@customElement('jalon-award-card')
export class JalonAwardCard extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    article { background: var(--bg); border: 1px solid var(--border); border-top: 4px solid var(--blue); padding: 24px; margin-bottom: 24px; }
    header { display: flex; justify-content: space-between; gap: 8px 16px; align-items: flex-start; margin-bottom: 16px; flex-wrap: wrap; }
    header > div:first-child { min-width: 0; flex: 1 1 320px; }
    h2 { overflow-wrap: anywhere; }
    .code { font-size: 0.875rem; font-weight: 700; color: var(--blue); display: block; }
    .env { color: var(--muted); font-size: 0.9375rem; margin: 0; }
    .site { color: var(--muted); font-size: 0.875rem; margin: 0 0 4px; }
    dl { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; margin: 16px 0; }
    dl div { background: var(--bg-alt); padding: 12px 16px; min-width: 0; }
    dt { font-size: 0.875rem; color: var(--muted); }
    dd { margin: 0; font-weight: 700; font-size: 1.125rem; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
    .cols { display: grid; grid-template-columns: minmax(220px, 1fr) 1fr 1.4fr; gap: 24px; margin-top: 16px; }
    .cols > div { min-width: 0; }
    h3 { font-size: 1rem; }
    table.years th, table.years td { padding: 4px 8px; }
    ul { margin: 0; padding-left: 20px; }
    .tranches { margin-top: 24px; }
    .tranches .tcode { font-weight: 700; }
    .tranches .detail { display: block; font-size: 0.875rem; color: var(--muted); margin-top: 4px; }
    @media (max-width: 1000px) { .cols { grid-template-columns: 1fr 1fr; } .cols > div:last-child { grid-column: 1 / -1; } }
    @media (max-width: 640px) {
      article { padding: 16px; } dl { grid-template-columns: 1fr; gap: 8px; } .cols { grid-template-columns: 1fr; }
      /* the tranches' table becomes one block per tranche */
      .tranches thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      .tranches tr { display: block; border-bottom: 1px solid var(--border); padding: 8px 0; }
      .tranches th, .tranches td { display: flex; justify-content: space-between; gap: 12px; border: 0; padding: 4px 0; text-align: left; }
      .tranches th { display: block; }
      .tranches td[data-label]::before { content: attr(data-label); color: var(--muted); font-weight: 400; }
      .tranches td.state { display: block; }
      .tranches td.state::before { display: block; }
    }
  `,
  ];

  @property({ attribute: false }) line!: AwardLine;
  @property({ attribute: false }) milestones: MilestoneProgress[] = [];
  /** This establishment's declarations of this action. */
  @property({ attribute: false }) completions: Completion[] = [];
  /** The site's name and FINESS, when the page shows several sites. */
  @property() site = '';

  override render() {
    const { allocation: a, action, envelope } = this.line;
    const amounts = a.amounts;
    const id = `aw-${a.id}`;
    return html`<article aria-labelledby="${id}-t" data-action=${action.id} data-finess=${a.finess}>
      <header>
        <div>${this.site ? html`<p class="site">${this.site}</p>` : nothing}<span class="code">${action.code} · ${t.axisShort(action.axis)}</span><h2 id="${id}-t">${action.title}</h2>
          <p class="env">${t.common.envelope} : ${envelope.name} (${envelope.status === 'announced' ? t.money.announced : t.money.committed})</p></div>
        <span class="badge ${a.status === 'approved' ? 'success' : a.status === 'rejected' ? 'error' : 'info'}">${t.statuses[a.status]}</span>
      </header>
      <dl>
        <div><dt>${t.money.approved}</dt><dd>${formatEuros(this.line.approvedCents)}</dd></div>
        <div><dt>${t.money.paid}</dt><dd>${formatEuros(this.line.paidCents)}</dd></div>
        <div><dt>${t.money.remainingToPay}</dt><dd>${formatEuros(this.line.remainingCents)}</dd></div>
      </dl>
      <div class="cols">
        <div><table class="years"><caption>${t.awards.yearly}</caption>
          <thead><tr><th scope="col">${t.awards.exercise}</th><th scope="col" class="num">${t.money.approved}</th></tr></thead>
          <tbody>${YEARS.filter((y) => amountOf(amounts, y) !== 0).map((y) => html`<tr><th scope="row">${y}</th><td class="num">${formatEuros(amountOf(amounts, y))}</td></tr>`)}</tbody>
          <tfoot><tr><th scope="row">${t.common.total}</th><td class="num">${formatEuros(sumAmounts(amounts))}</td></tr></tfoot>
        </table></div>
        <div><h3>${t.awards.payments(this.line.payments.filter((p) => !p.cancelsId).length)}</h3>
          ${this.line.payments.length ? html`<ul>${this.line.payments.map((p) => html`<li>${formatDate(p.paidOn)} : ${p.cancelsId ? formatSignedEuros(p.amountCents) : formatEuros(p.amountCents)}${p.tranche ? ` (${t.awards.tranche.toLowerCase()} ${p.tranche})` : ''}${p.cancelledBy ? ` — ${t.awards.paymentCancelled}` : ''}${p.cancelsId ? ` — ${t.awards.cancellation(p.reason ?? '')}` : ''}</li>`)}</ul>` : html`<p class="hint">—</p>`}
        </div>
        <div><h3>${t.awards.milestones}</h3>
          ${
            this.milestones.length
              ? html`<ul>${this.milestones.map(
                  (m) => html`<li><strong>${formatDate(m.date)}</strong> — ${m.title}
            ${m.target ? html` (${t.common.counted(m.completed, m.population)}, ${t.awards.target(formatPercent(m.target.share))})` : nothing}
            ${m.status ? html` <span class="badge ${{ achieved: 'success', on_track: 'info', at_risk: 'warning', missed: 'error' }[m.status]}">${t.milestoneStatus[m.status]}</span>` : nothing}</li>`,
                )}</ul>`
              : html`<p class="hint">—</p>`
          }
        </div>
      </div>
      ${this.line.tranches?.length ? this._tranches(this.line.tranches) : nothing}
      <jalon-declaration .completions=${this.completions} finess=${a.finess} actionId=${action.id}
        actionTitle=${action.title} ?declarable=${a.status === 'approved'}></jalon-declaration>
    </article>`;
  }

  /** Each tranche: what it pays and what was paid, then its state — and what it still waits for. */
  private _tranches(list: TrancheStatus[]) {
    const k = t.awards.tranches;
    const kinds = new Map((this.line.allocation.tranches ?? []).map((x) => [x.code, x.gate.kind]));
    const state = (s: TrancheStatus) =>
      s.freed
        ? html`<span class="badge neutral">${k.states.freed}</span><span class="detail">${k.freedWhy}</span>`
        : s.paidCents >= s.amountCents
          ? html`<span class="badge success">${k.states.paid}</span>`
          : s.payable
            ? html`<span class="badge info">${k.states.payable}</span>${s.paidCents > 0 ? html`<span class="detail">${k.left(formatEuros(s.payableCents))}</span>` : nothing}`
            : html`<span class="badge warning">${k.states[kinds.get(s.code) ?? 'milestone']}</span>${s.missing ? html`<span class="detail">${k.missing(s.missing)}</span>` : nothing}`;
    const kept = list.filter((s) => !s.freed);
    return html`<div class="tranches"><h3>${k.caption}</h3><p class="hint">${k.intro}</p>
      <table data-testid="tranches"><caption class="sr-only">${k.caption}</caption>
      <thead><tr><th scope="col">${t.awards.tranche}</th><th scope="col" class="num">${k.amount}</th>
        <th scope="col" class="num">${k.paid}</th><th scope="col">${k.state}</th></tr></thead>
      <tbody>${list.map(
        (s) => html`<tr data-code=${s.code}><th scope="row"><span class="tcode">${s.code}</span> ${s.label}</th>
          <td class="num" data-label=${k.amount}>${formatEuros(s.amountCents)}</td>
          <td class="num" data-label=${k.paid}>${formatEuros(s.paidCents)}</td>
          <td class="state" data-label=${k.state}>${state(s)}</td></tr>`,
      )}</tbody>
      <tfoot><tr><th scope="row">${k.total}</th>
        <td class="num" data-label=${k.amount}>${formatEuros(kept.reduce((sum, s) => sum + s.amountCents, 0))}</td>
        <td class="num" data-label=${k.paid}>${formatEuros(list.reduce((sum, s) => sum + s.paidCents, 0))}</td><td></td></tr></tfoot>
    </table></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-award-card': JalonAwardCard;
  }
}
