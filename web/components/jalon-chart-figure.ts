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
  `,
  ];

  @property() heading = '';
  @property() description = '';
  @property({ attribute: false }) config?: ChartConfiguration;
  @property({ attribute: false }) table: FigureTable = { columns: [], rows: [] };

  override render() {
    return html`<figure>
      <figcaption><h2>${this.heading}</h2>${this.description ? html`<p>${this.description}</p>` : ''}</figcaption>
      <jalon-chart .config=${this.config} label=${this.description ? `${this.heading}. ${this.description}` : this.heading}></jalon-chart>
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
