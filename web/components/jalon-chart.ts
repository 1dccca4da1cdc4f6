// <jalon-chart>: the only owner of chart.js. Created once it comes near the screen (or the page
// is printed), updated in place, destroyed on disconnect (and re-created on reconnect).
// Drawing a chart costs a long task on a phone (style reads, canvas sizing): the charts below the
// fold are drawn when scrolled to, not all at once while the page is opening.
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
  /** Near the screen (or printing): the chart may be drawn. */
  private _wanted = false;
  private _seen?: IntersectionObserver;
  private _beforePrint = () => this._want();

  private _want() {
    this._wanted = true;
    this._seen?.disconnect();
    if (!this._chart) this._create();
  }

  private _create() {
    if (!this._wanted || !this.config || !this._canvas) return;
    this._chart = new Chart(this._canvas, this.config);
  }

  protected override firstUpdated() {
    this._watch();
  }

  /** Draws when within a screen's height of the viewport. */
  private _watch() {
    if (this._wanted) return this._create();
    this._seen = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && this._want(), {
      rootMargin: '50% 0px',
    });
    this._seen.observe(this);
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
    addEventListener('beforeprint', this._beforePrint);
    if (this.hasUpdated && !this._chart) this._watch();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('beforeprint', this._beforePrint);
    this._seen?.disconnect();
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
