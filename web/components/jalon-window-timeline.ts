// <jalon-window-timeline>: a window's seven dates as an ordered list, by date: each step past or to
// come, « aujourd'hui » marked where it falls (aria-current="date"), and under a moved phase its
// extensions (« prolongée du … au … : motif »).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import type { FundingWindow } from '../../server/contract/windows.js';
import { formatDate } from '../lib/format.js';
import { tokens, ui } from '../lib/styles.js';
import { steps, todayIndex, type Step } from '../lib/windows.js';
import { t } from '../i18n/windows.js';

const s = t.windows;

@customElement('jalon-window-timeline')
export class JalonWindowTimeline extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    ol { list-style: none; margin: 0; padding: 0; position: relative; }
    ol > li { position: relative; padding: 0 0 16px 32px; }
    /* the line joining the steps, and each step's dot on it */
    ol > li::before { content: ''; position: absolute; left: 8px; top: 4px; bottom: -4px; width: 2px; background: var(--border-strong); }
    ol > li:last-child::before { display: none; }
    ol > li::after { content: ''; position: absolute; left: 2px; top: 4px; width: 14px; height: 14px; border-radius: 50%;
      background: var(--bg); border: 2px solid var(--blue); }
    ol > li.past::after { background: var(--blue); }
    ol > li.today::after { background: var(--error); border-color: var(--error); }
    .date { display: block; font-weight: 700; font-variant-numeric: tabular-nums; }
    .past .date, .past .what { color: var(--muted); }
    .mark { color: var(--error); font-weight: 700; }
    ol > li.marker { padding-bottom: 16px; }
    ol > li.marker::after { border-radius: 0; transform: rotate(45deg); width: 12px; height: 12px; left: 3px; background: var(--error); border-color: var(--error); }
    ul.ext { margin: 4px 0 0; padding-left: 1.1rem; font-size: 0.875rem; color: var(--muted); }
  `,
  ];

  @property({ attribute: false }) window?: Pick<FundingWindow, 'name' | 'phases' | 'extensions'>;
  /** The day to mark (AAAA-MM-JJ). */
  @property() today = '';

  private _step(x: Step) {
    const today = x.when === 'today';
    return html`<li class=${classMap({ past: x.when === 'past', today })} data-phase=${x.phase} aria-current=${today ? 'date' : nothing}>
      <time class="date" datetime=${x.date}>${formatDate(x.date)}</time>
      <span class="what">${s.phases[x.phase]}</span>${today ? html` — <span class="mark">${s.todayShort}</span>` : nothing}
      ${
        x.extensions.length
          ? html`<ul class="ext" data-testid="extensions">${x.extensions.map(
              (e) => html`<li>${s.extended(formatDate(e.from), formatDate(e.to), e.reason)}</li>`,
            )}</ul>`
          : nothing
      }
    </li>`;
  }

  override render() {
    const w = this.window;
    if (!w) return nothing;
    const list = steps(w, this.today);
    const at = todayIndex(list);
    const marker = html`<li class="marker" aria-current="date" data-testid="today">
      <span class="mark">${s.today(formatDate(this.today))}</span></li>`;
    return html`<ol aria-label=${s.timelineLabel(w.name)}>
      ${list.map((x, i) => html`${i === at ? marker : nothing}${this._step(x)}`)}${at === list.length ? marker : nothing}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-window-timeline': JalonWindowTimeline;
  }
}
