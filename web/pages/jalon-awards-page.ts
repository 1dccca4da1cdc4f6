// <jalon-awards-page>: "Mes actions financées" for an establishment account (its own sites only):
// approved awards, never a proposal still under discussion. A legal entity's account sees its sites
// together (the entity's totals, then each site's) or one site at a time.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Me } from '../../server/contract/auth.js';
import type { Action, AwardTotals, Awards, Completion, Establishment } from '../../server/contract/plan.js';
import { awardsExport } from '../api/exports.js';
import { awards } from '../api/reports.js';
import '../components/jalon-award-card.js';
import '../components/jalon-declaration.js';
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
    .pick { max-width: 720px; margin-bottom: 24px; }
    .data { min-height: 900px; }
    .id { display: flex; gap: 16px 24px; align-items: flex-end; justify-content: space-between; flex-wrap: wrap; }
    .id > div { min-width: 0; }
    .id h2 { overflow-wrap: anywhere; }
    .id p { margin: 0; color: var(--muted); }
    .totals { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; margin: 0 0 24px; }
    .totals div { background: var(--bg); border: 1px solid var(--border); border-top: 4px solid var(--blue); padding: 16px 20px; min-width: 0; }
    .totals.small div { border-top-width: 2px; padding: 8px 16px; }
    .totals.small dd { font-size: 1.125rem; }
    dt { font-size: 0.875rem; color: var(--muted); }
    dd { margin: 0; font-size: 1.5rem; font-weight: 700; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
    .note { color: var(--muted); font-size: 0.9375rem; margin: -8px 0 24px; max-width: 80ch; }
    section.site { margin-top: 32px; }
    section.site > h2 { overflow-wrap: anywhere; }
    .sites td, .sites th { vertical-align: middle; }
    .other li { margin-bottom: 16px; }
    .other ul { list-style: none; padding: 0; margin: 0; }
    @media (max-width: 720px) {
      .totals { grid-template-columns: 1fr; gap: 8px; }
      dd { font-size: 1.25rem; }
      /* the sites' table becomes one card per site */
      .sites thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      .sites tr { display: block; border-bottom: 1px solid var(--border); padding: 8px 0; }
      .sites th, .sites td { display: flex; justify-content: space-between; gap: 12px; border: 0; padding: 4px 0; text-align: left; }
      .sites td[data-label]::before { content: attr(data-label); color: var(--muted); font-weight: 400; }
      .sites th { display: block; }
    }
  `,
  ];

  @property({ attribute: false }) me?: Me;
  /** The FINESS picked in the selector: the entity's own number or one of its sites. */
  @state() private _finess = '';
  /** The legal entity's name, once its awards have been read. */
  @state() private _entityName = '';
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;

  private _sites = new Task(this, {
    task: async ([reference]) => {
      const [ests, regs, actions] = await Promise.all([
        reference.establishmentIndex(),
        reference.regions(),
        reference.actions(),
      ]);
      return {
        ests,
        regions: new Map(regs.map((r) => [r.code, r.name])),
        actions: new Map(actions.map((a) => [a.id, a])),
      };
    },
    args: () => [this._plan.reference] as const,
  });

  private _data = new Task(this, {
    task: async ([f]) => {
      const d = await awards(f);
      if (f === this._entity()) this._entityName = d.name;
      return d;
    },
    args: () => [this._shown(), this._plan.version] as const,
  });

  /** A legal entity's account: its own FINESS is not one of the sites it sees (or it has several). */
  private _entity(): string | null {
    const scope = this.me?.scope ?? [],
      own = this.me?.user.finess ?? '';
    return scope.length > 1 && own ? own : null;
  }

  /** What is shown: the choice made, else the whole entity, else the account's own establishment. */
  private _shown() {
    const scope = this.me?.scope ?? [],
      own = this.me?.user.finess ?? '';
    return this._finess || this._entity() || (scope.includes(own) ? own : (scope[0] ?? ''));
  }

  private _pick(finess: string) {
    this._finess = finess;
  }

  override render() {
    return html`<h1>${t.awards.title}</h1><p class="lead">${t.awards.intro}</p>
      ${this._selector()}
      <div class="data">${renderTask(this._data, (d) => this._view(d), { keepValue: true })}</div>`;
  }

  private _selector() {
    const entity = this._entity();
    if (!entity) return nothing;
    const scope = this.me?.scope ?? [];
    const ests = this._sites.value?.ests;
    const shown = this._shown();
    const name = (f: string) => ests?.get(f)?.name ?? '';
    return html`<div class="field pick"><label for="site">${t.awards.site}</label>
      <select id="site" @change=${(e: Event) => this._pick((e.target as HTMLSelectElement).value)}>
        <option value=${entity} ?selected=${shown === entity}>${t.awards.entityOption(entity, this._entityName || t.awards.entity, scope.filter((f) => f !== entity).length || scope.length)}</option>
        ${scope
          .filter((f) => f !== entity)
          .map((f) => html`<option value=${f} ?selected=${f === shown}>${t.awards.siteOption(f, name(f))}</option>`)}
      </select></div>`;
  }

  private _totals(tot: AwardTotals, small = false) {
    return html`<dl class="totals ${small ? 'small' : ''}">
      <div><dt>${t.awards.granted}</dt><dd>${formatEuros(tot.approvedCents)}</dd></div>
      <div><dt>${t.money.paid}</dt><dd>${formatEuros(tot.paidCents)}</dd></div>
      <div><dt>${t.money.remainingToPay}</dt><dd>${formatEuros(tot.remainingCents)}</dd></div>
    </dl>`;
  }

  private _describe(e: Establishment) {
    const regions = this._sites.value?.regions;
    return `FINESS ${e.finess} · ${regions?.get(e.region) ?? e.region} · ${t.categories[e.category]}${e.priority ? ` · ${t.priority}` : ''}${e.ght ? ` · ${e.ght}` : ''}`;
  }

  private _view(d: Awards) {
    const several = d.sites.length > 1;
    return html`
      <section class="card id" aria-labelledby="est-name">
        <div><h2 id="est-name">${d.name}</h2>
          <p>${
            d.establishment && !several
              ? this._describe(d.establishment)
              : `${t.awards.entity} · FINESS ${d.finess} · ${t.awards.sites(d.sites.length)}`
          }</p></div>
        <jalon-export-links subject=${t.exports.awards} .links=${awardsExport(d.finess)}></jalon-export-links>
      </section>
      ${several ? html`<h2 class="sr-only">${t.awards.entityTotals}</h2>` : nothing}
      ${this._totals(d.totals)}
      <p class="note">${t.awards.approvedOnly}</p>
      ${several ? this._siteTable(d) : nothing}
      ${
        several
          ? d.sites.map(
              (s) => html`<section class="site" aria-labelledby="site-${s.establishment.finess}">
            <h2 id="site-${s.establishment.finess}">${s.establishment.finess} — ${s.establishment.name}</h2>
            <p class="hint">${this._describe(s.establishment)}</p>
            ${this._totals(s.totals, true)}
            ${this._cards(d, s.establishment.finess)}</section>`,
            )
          : this._cards(d, d.sites[0]?.establishment.finess ?? d.finess)
      }
      ${this._others(d)}`;
  }

  private _siteTable(d: Awards) {
    return html`<div class="card"><table class="sites"><caption>${t.awards.bySite}</caption>
      <thead><tr><th scope="col">${t.common.establishment}</th><th scope="col" class="num">${t.awards.granted}</th>
        <th scope="col" class="num">${t.money.paid}</th><th scope="col" class="num">${t.money.remainingToPay}</th><th scope="col"><span class="sr-only">${t.common.actions}</span></th></tr></thead>
      <tbody>${d.sites.map(
        (s) => html`<tr><th scope="row">${s.establishment.finess} — ${s.establishment.name}</th>
        <td class="num" data-label=${t.awards.granted}>${formatEuros(s.totals.approvedCents)}</td>
        <td class="num" data-label=${t.money.paid}>${formatEuros(s.totals.paidCents)}</td>
        <td class="num" data-label=${t.money.remainingToPay}>${formatEuros(s.totals.remainingCents)}</td>
        <td><button class="btn tertiary" type="button" aria-label="${t.awards.showSite} : ${s.establishment.name}" @click=${() => this._pick(s.establishment.finess)}>${t.awards.showSite}</button></td></tr>`,
      )}</tbody>
      <tfoot><tr><th scope="row">${t.common.total}</th><td class="num" data-label=${t.awards.granted}>${formatEuros(d.totals.approvedCents)}</td>
        <td class="num" data-label=${t.money.paid}>${formatEuros(d.totals.paidCents)}</td><td class="num" data-label=${t.money.remainingToPay}>${formatEuros(d.totals.remainingCents)}</td><td></td></tr></tfoot>
    </table></div>`;
  }

  private _cards(d: Awards, finess: string) {
    const lines = d.awards.filter((l) => l.allocation.finess === finess);
    if (!lines.length) return html`<p class="card">${t.awards.none}</p>`;
    return repeat(
      lines,
      (l) => l.allocation.id,
      (line) => html`<jalon-award-card .line=${line}
        .milestones=${d.milestones.filter((m) => m.target?.actionId === line.action.id)}
        .completions=${d.completions.filter((c) => c.actionId === line.action.id && c.finess === finess)}></jalon-award-card>`,
    );
  }

  /** Declarations of actions with no approved award shown here: still theirs to correct or withdraw. */
  private _others(d: Awards) {
    const shown = new Set(d.awards.map((l) => `${l.allocation.finess}|${l.action.id}`));
    const groups = new Map<string, Completion[]>();
    for (const c of d.completions) {
      const key = `${c.finess}|${c.actionId}`;
      if (!shown.has(key)) groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    if (!groups.size) return nothing;
    const actions: Map<string, Action> | undefined = this._sites.value?.actions;
    const site = (f: string) => d.sites.find((s) => s.establishment.finess === f)?.establishment.name ?? f;
    return html`<section class="card other" aria-labelledby="others"><h2 id="others">${t.awards.otherDeclarations}</h2>
      <p class="hint">${t.awards.otherIntro}</p>
      <ul>${repeat(
        [...groups],
        ([key]) => key,
        ([, list]) => {
          const c = list[0]!;
          const title = actions?.get(c.actionId)?.title ?? c.actionId;
          return html`<li><strong>${title}</strong>${d.sites.length > 1 ? html` <span class="hint">(${site(c.finess)})</span>` : nothing}
          <jalon-declaration .completions=${list} finess=${c.finess} actionId=${c.actionId} actionTitle=${title}></jalon-declaration></li>`;
        },
      )}</ul></section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-awards-page': JalonAwardsPage;
  }
}
