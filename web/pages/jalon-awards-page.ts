// <jalon-awards-page>: "Mes actions financées" for an establishment account (its own sites only).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Me } from '../../server/contract/auth.js';
import { awardsExport } from '../api/exports.js';
import { awards } from '../api/reports.js';
import '../components/jalon-award-card.js';
import '../components/jalon-export-links.js';
import { formatEuros } from '../lib/format.js';
import { t } from '../i18n/awards.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';

@customElement('jalon-awards-page')
export class JalonAwardsPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    .id { display: flex; gap: 24px; align-items: flex-end; justify-content: space-between; flex-wrap: wrap; }
    .id p { margin: 0; color: var(--muted); }
    .totals { display: grid; grid-template-columns: repeat(4, 1fr); gap: 16px; margin: 0 0 24px; }
    .totals div { background: var(--bg); border: 1px solid var(--border); border-top: 4px solid var(--blue); padding: 16px 20px; }
    dt { font-size: 0.875rem; color: var(--muted); }
    dd { margin: 0; font-size: 1.5rem; font-weight: 700; font-variant-numeric: tabular-nums; }
  `,
  ];

  @property({ attribute: false }) me?: Me;
  @state() private _finess = '';
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;

  private _sites = new Task(this, {
    task: async ([reference]) => {
      const [ests, regs] = await Promise.all([reference.establishmentIndex(), reference.regions()]);
      return { ests, regions: new Map(regs.map((r) => [r.code, r.name])) };
    },
    args: () => [this._plan.reference] as const,
  });

  private _data = new Task(this, {
    task: ([f]) => awards(f),
    args: () => [this._site(), this._plan.version] as const,
  });

  /** The site shown: the one picked, else the account's own establishment, else its first site
   *  (a legal entity's own number is no establishment). */
  private _site() {
    const scope = this.me?.scope ?? [],
      own = this.me?.user.finess ?? '';
    return this._finess || (scope.includes(own) ? own : (scope[0] ?? ''));
  }

  override render() {
    const scope = this.me?.scope ?? [],
      site = this._site();
    const sites = this._sites.value;
    return html`<h1>${t.awards.title}</h1><p class="lead">${t.awards.intro}</p>
      ${
        scope.length > 1
          ? html`<div class="field" style="max-width:520px;margin-bottom:24px"><label for="site">${t.awards.site}</label>
        <select id="site" @change=${(e: Event) => {
          this._finess = (e.target as HTMLSelectElement).value;
        }}>
          ${scope.map((f) => html`<option value=${f} ?selected=${f === site}>${sites?.ests.get(f)?.name ?? f} — ${f}</option>`)}
        </select></div>`
          : nothing
      }
      ${renderTask(
        this._data,
        (d) => html`
          <section class="card id" aria-labelledby="est-name">
            <div><h2 id="est-name">${d.establishment.name}</h2>
              <p>FINESS ${d.establishment.finess} · ${sites?.regions.get(d.establishment.region) ?? d.establishment.region} · ${t.categories[d.establishment.category]}${d.establishment.priority ? ` · ${t.priority}` : ''}${d.establishment.ght ? ` · ${d.establishment.ght}` : ''}</p></div>
            <jalon-export-links subject=${t.exports.awards} .links=${awardsExport(d.establishment.finess)}></jalon-export-links>
          </section>
          <dl class="totals">
            <div><dt>${t.awards.granted}</dt><dd>${formatEuros(d.totals.approvedCents)}</dd></div>
            <div><dt>${t.money.paid}</dt><dd>${formatEuros(d.totals.paidCents)}</dd></div>
            <div><dt>${t.money.remainingToPay}</dt><dd>${formatEuros(d.totals.remainingCents)}</dd></div>
            <div><dt>${t.awards.pending}</dt><dd>${formatEuros(d.totals.proposedCents)}</dd></div>
          </dl>
          ${
            d.awards.length === 0
              ? html`<p class="card">${t.awards.none}</p>`
              : d.awards.map(
                  (line) => html`<jalon-award-card .line=${line} .finess=${d.establishment.finess}
            .milestones=${d.milestones.filter((m) => m.target?.actionId === line.action.id)}
            .completion=${d.completions.find((c) => c.actionId === line.action.id)}></jalon-award-card>`,
                )
          }`,
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-awards-page': JalonAwardsPage;
  }
}
