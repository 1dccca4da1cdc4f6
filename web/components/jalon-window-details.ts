// <jalon-window-details>: what a window is, for everyone who reads it — its calendar (the timeline,
// today marked, extensions), its objectives with the share of the grant each releases, who may
// apply, and its caps by applicant, category and staff band.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { FundingWindow, WindowCap } from '../../server/contract/windows.js';
import './jalon-window-timeline.js';
import { cardTable } from '../lib/catalog-form.js';
import { formatEuros, formatShare } from '../lib/format.js';
import { tokens, ui } from '../lib/styles.js';
import { formatStaff } from '../lib/windows.js';
import { t } from '../i18n/windows.js';

const s = t.windows;

const band = (c: WindowCap) =>
  c.maxStaff === undefined
    ? s.bandFrom(formatStaff(c.minStaff))
    : s.bandFromTo(formatStaff(c.minStaff), formatStaff(c.maxStaff));

@customElement('jalon-window-details')
export class JalonWindowDetails extends LitElement {
  static override styles = [
    tokens,
    ui,
    cardTable,
    css`
    :host { display: block; }
    .cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 24px; margin-bottom: 24px; }
    .cols > .card { margin-bottom: 0; }
    .code { font-variant-numeric: tabular-nums; white-space: nowrap; }
    dl { margin: 0; display: grid; gap: 8px; }
    dt { font-size: 0.875rem; color: var(--muted); }
    dd { margin: 0; }
    h3 { margin-top: 24px; }
    @media (max-width: 900px) { .cols { grid-template-columns: minmax(0, 1fr); } }
    @media (max-width: 720px) { .card { padding: 16px; } }
  `,
  ];

  @property({ attribute: false }) window?: FundingWindow;
  @property() today = '';
  /** Region names by INSEE code. */
  @property({ attribute: false }) regionNames = new Map<string, string>();

  private _eligibility(w: FundingWindow) {
    const e = w.eligibility;
    return html`<h3>${s.eligibility}</h3><dl data-testid="window-eligibility">
      <div><dt>${s.categories}</dt><dd>${e.categories?.length ? e.categories.map((c) => t.categories[c]).join(', ') : s.allCategories}</dd></div>
      <div><dt>${t.priority}</dt><dd>${e.priorityOnly ? s.priorityOnly : s.anyPriority}</dd></div>
      <div><dt>${s.regions}</dt><dd>${e.regions?.length ? e.regions.map((r) => this.regionNames.get(r) ?? r).join(', ') : s.allRegions}</dd></div>
    </dl>`;
  }

  override render() {
    const w = this.window;
    if (!w) return html``;
    return html`<div class="cols">
      <section class="card" aria-labelledby="timeline-title"><h2 id="timeline-title">${s.timeline}</h2>
        <jalon-window-timeline .window=${w} today=${this.today}></jalon-window-timeline></section>
      <section class="card" aria-labelledby="objectives-title"><h2 id="objectives-title">${s.objectives}</h2>
        <p class="hint">${s.objectivesIntro}</p>
        <div class="table-box"><table class="cards" data-testid="objectives">
          <caption class="sr-only">${s.objectives}</caption>
          <thead><tr><th scope="col">${s.code}</th><th scope="col">${s.objective}</th><th scope="col" class="num">${s.share}</th></tr></thead>
          <tbody>${w.objectives.map(
            (
              o,
            ) => html`<tr data-objective=${o.code}><th scope="row" class="code">${o.code}</th><td data-label=${s.objective}>${o.title}</td>
              <td class="num" data-label=${s.share}>${formatShare(o.shareBp)}</td></tr>`,
          )}</tbody></table></div>
        ${this._eligibility(w)}
      </section>
    </div>
    <section class="card" aria-labelledby="caps-title"><h2 id="caps-title">${s.caps}</h2>
      <p class="hint">${s.capsIntro}</p>
      <div class="table-box"><table class="cards" data-testid="caps">
        <caption class="sr-only">${s.caps}</caption>
        <thead><tr><th scope="col">${s.applicant}</th><th scope="col">${t.common.category}</th><th scope="col">${s.band}</th>
          <th scope="col" class="num">${s.cap}</th></tr></thead>
        <tbody>${w.caps.map(
          (c) => html`<tr><th scope="row">${s.applicants[c.applicant]}</th>
            <td data-label=${t.common.category}>${c.category ? t.categories[c.category] : s.anyCategory}</td>
            <td data-label=${s.band}>${band(c)}</td><td class="num" data-label=${s.cap}>${formatEuros(c.capCents)}</td></tr>`,
        )}</tbody></table></div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-window-details': JalonWindowDetails;
  }
}
