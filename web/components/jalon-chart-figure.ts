// <jalon-chart-figure>: a titled chart with its accessible alternative, the same data as a table.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ChartConfiguration } from 'chart.js';
import './jalon-chart.js';
import { t } from '../i18n/dashboard.js';
import { tokens, ui } from '../lib/styles.js';

export interface FigureTable {
  columns: string[];
  rows: string[][];
}

/** A numbered mark on the chart (a milestone) and what it stands for, listed below the chart. */
export interface FigureNote {
  n: number;
  text: string;
  /** ISO date, for <time>. */
  date: string;
  /** The date as read. */
  when: string;
}

@customElement('jalon-chart-figure')
export class JalonChartFigure extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    figure { margin: 0; background: var(--bg); border: 1px solid var(--border); padding: 24px; height: 100%; break-inside: avoid; }
    figcaption h2 { font-size: 1.125rem; margin-bottom: 4px; }
    figcaption p { color: var(--mention); font-size: 0.875rem; margin-bottom: 16px; }
    .table { max-height: 320px; overflow: auto; margin-top: 8px; }
    td:not(:first-child), th:not(:first-child) { text-align: right; white-space: nowrap; }
    table { font-size: 0.875rem; }
    .notes { list-style: none; margin: 12px 0 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 300px), 1fr)); gap: 4px 24px; font-size: 0.875rem; }
    .notes li { display: flex; gap: 8px; align-items: baseline; }
    .notes .n { flex: none; min-width: 1.5em; text-align: center; border: 1px solid #666666; border-radius: 8px; font-weight: 700; font-size: 0.75rem; padding: 0 4px; }
    .notes time { color: var(--mention); white-space: nowrap; }
    @media print { figure { padding: 8px; } .notes { font-size: 9pt; grid-template-columns: repeat(2, 1fr); } }
  `,
  ];

  @property() heading = '';
  @property() description = '';
  @property({ attribute: false }) config?: ChartConfiguration;
  @property({ attribute: false }) table: FigureTable = { columns: [], rows: [] };
  /** Marks numbered on the chart, listed under it and in its text alternative. */
  @property({ attribute: false }) notes: FigureNote[] = [];
  @property() notesLabel = '';

  override render() {
    return html`<figure>
      <figcaption><h2>${this.heading}</h2>${this.description ? html`<p>${this.description}</p>` : ''}</figcaption>
      <jalon-chart .config=${this.config} label=${[this.heading, this.description, t.dashboard.milestonesAlt(this.notes.map((m) => t.dashboard.milestoneItem(m.n, m.text, m.when)))].filter(Boolean).join('. ')}></jalon-chart>
      ${
        this.notes.length
          ? html`<ol class="notes" aria-label=${this.notesLabel} data-testid="chart-notes">${this.notes.map(
              (m) =>
                html`<li value=${m.n}><span class="n">${m.n}</span><span>${m.text} <time datetime=${m.date}>${m.when}</time></span></li>`,
            )}</ol>`
          : ''
      }
      <details class="no-print">
        <summary>${t.dashboard.showTable}</summary>
        <div class="table" tabindex="0" role="region" aria-label=${this.heading}>
          <table><caption class="sr-only">${this.heading}</caption>
            <thead><tr>${this.table.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
            <tbody>${this.table.rows.map(([head, ...cells]) => html`<tr><th scope="row">${head}</th>${cells.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody>
          </table>
        </div>
      </details>
    </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-chart-figure': JalonChartFigure;
  }
}
