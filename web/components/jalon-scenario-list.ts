// <jalon-scenario-list>: the scenarios as a table (cards on a phone): name, author, envelopes,
// lines, total, stale or up to date, promoted or not; up to three are ticked and compared with the
// plan (a link to `?compare=`).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Envelope } from '../../server/contract/plan.js';
import type { ScenarioView } from '../api/scenarios.js';
import { cardTable } from '../lib/catalog-form.js';
import { formatDate, formatEuros } from '../lib/format.js';
import { tokens, ui } from '../lib/styles.js';
import { arsLabel } from '../../shared/regions.js';
import { t } from '../i18n/scenarios.js';

const s = t.scenarios;
const MAX = 3;

@customElement('jalon-scenario-list')
export class JalonScenarioList extends LitElement {
  static override styles = [
    tokens,
    ui,
    cardTable,
    css`
    :host { display: block; }
    .bar { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin-bottom: 12px; }
    .bar .hint { margin: 0; }
    .sub { display: block; font-size: 0.8125rem; color: var(--mention); font-weight: 400; }
    .states { display: flex; flex-wrap: wrap; gap: 4px; }
    td.pick { width: 3rem; }
    td.pick input { width: 24px; height: 24px; min-height: 0; }
    th a { font-weight: 700; }
  `,
  ];

  @property({ attribute: false }) items: ScenarioView[] = [];
  @property({ attribute: false }) envelopes = new Map<string, Envelope>();
  @state() private _picked: string[] = [];

  private _toggle(id: string, on: boolean) {
    this._picked = on ? [...this._picked, id] : this._picked.filter((x) => x !== id);
  }

  override render() {
    const picked = this._picked.filter((id) => this.items.some((x) => x.id === id));
    const href = `/scenarios?compare=${picked.map(encodeURIComponent).join(',')}`;
    return html`<div class="bar">
        ${
          picked.length
            ? html`<a class="btn" href=${href} data-testid="compare">${s.compareSelected(picked.length)}</a>`
            : html`<button class="btn" type="button" disabled data-testid="compare">${s.compareSelected(0)}</button>`
        }
        <p class="hint" id="pick-hint">${picked.length >= MAX ? s.tooMany : s.compareHint}</p>
      </div>
      <div class="table-box"><table class="cards" data-testid="scenarios-table">
        <caption>${this.items.length ? s.listCaption(this.items.length) : s.empty}</caption>
        <thead><tr><th scope="col"><span class="sr-only">${s.pickColumn}</span></th><th scope="col">${s.name}</th><th scope="col">${s.envelopes}</th>
          <th scope="col" class="num">${s.lines}</th><th scope="col" class="num">${s.total}</th><th scope="col">${s.state}</th></tr></thead>
        <tbody>${this.items.map((x) => this._row(x, picked))}</tbody>
      </table></div>`;
  }

  private _row(x: ScenarioView, picked: string[]) {
    const on = picked.includes(x.id);
    const codes = x.envelopeIds.map((id) => this.envelopes.get(id)?.code ?? id).join(', ');
    return html`<tr data-scenario=${x.name}>
      <td class="pick"><input type="checkbox" .checked=${on} ?disabled=${!on && picked.length >= MAX}
        aria-label=${s.pick(x.name)} aria-describedby="pick-hint" data-testid="pick"
        @change=${(e: Event) => this._toggle(x.id, (e.target as HTMLInputElement).checked)}></td>
      <th scope="row"><a href="/scenarios?id=${encodeURIComponent(x.id)}">${x.name}</a>
        <span class="sub">${s.owner} : ${x.owner} · ${x.region ? arsLabel(x.region) : s.national}</span></th>
      <td data-label=${s.envelopes}>${codes}</td>
      <td data-label=${s.lines} class="num">${x.lineCount}</td>
      <td data-label=${s.total} class="num" data-testid="total">${formatEuros(x.totalCents)}</td>
      <td data-label=${s.state}><span class="states">
        ${
          x.stale.length
            ? html`<span class="badge warning" title=${s.staleTitle(x.stale.length)}>${s.stale}</span>`
            : html`<span class="badge success">${s.upToDate}</span>`
        }
        ${x.promotedAt ? html`<span class="badge info">${s.promoted(formatDate(x.promotedAt))}</span>` : html`<span class="badge neutral">${s.notPromoted}</span>`}
      </span>${x.stale.length ? html`<span class="sr-only">${s.staleTitle(x.stale.length)}</span>` : nothing}</td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-scenario-list': JalonScenarioList;
  }
}
