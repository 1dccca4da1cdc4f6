// <jalon-chart>: the only owner of chart.js. Created in firstUpdated, updated in place,
// destroyed on disconnect (and re-created on reconnect).
import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  annotationPlugin,
);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
Chart.defaults.color = '#3a3a3a';

@customElement('jalon-chart')
export class JalonChart extends LitElement {
  static override styles = css`
    :host { display: block; }
    .wrap { position: relative; height: var(--chart-height, 320px); }
    @media print { .wrap { height: var(--chart-print-height, 220px); } }
  `;

  @property({ attribute: false }) config?: ChartConfiguration;
  /** Short description of what the chart shows, read by screen readers. */
  @property() label = '';
  @query('canvas') private _canvas!: HTMLCanvasElement;
  private _chart: Chart | null = null;

  private _create() {
    if (!this.config || !this._canvas) return;
    this._chart = new Chart(this._canvas, this.config);
  }

  protected override firstUpdated() {
    this._create();
  }

  protected override updated(changed: Map<string, unknown>) {
    if (!changed.has('config') || !this.config) return;
    if (!this._chart) return this._create();
    this._chart.data = this.config.data;
    this._chart.options = this.config.options as never;
    this._chart.update();
  }

  override connectedCallback() {
    super.connectedCallback();
    if (this.hasUpdated && !this._chart) this._create();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._chart?.destroy();
    this._chart = null;
  }

  /** True once chart.js has drawn (used by the browser tests). */
  get drawn(): boolean {
    return !!this._chart && this._chart.data.datasets.length > 0;
  }

  override render() {
    return html`<div class="wrap"><canvas role="img" aria-label=${this.label}></canvas></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-chart': JalonChart;
  }
}
