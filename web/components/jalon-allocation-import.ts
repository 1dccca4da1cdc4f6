// <jalon-allocation-import>: a CSV or XLSX sheet of allocations. Simulate first (what would be
// created, changed or left alone, and the refused lines), then apply, which the server does all or
// nothing: only a clean run that changes something may apply.
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from '../api/client.js';
import {
  ALLOCATION_TEMPLATE,
  XLSX_TYPE,
  allocationsPageOn,
  importAllocations,
  refusalsOf,
  type AllocationImportReport,
  type ImportRefusal,
} from '../api/imports.js';
import './jalon-preview-table.js';
import type { PreviewTableRow } from './jalon-preview-table.js';
import './jalon-refused-table.js';
import { tp } from '../i18n/previews.js';
import { fire } from '../lib/fire.js';
import { filePicker } from '../lib/file-picker.js';
import { formatCount, formatEuros, formatSignedEuros } from '../lib/format.js';
import { t } from '../i18n/imports.js';
import { importStyles } from '../lib/import-styles.js';
import { tokens, ui } from '../lib/styles.js';

const tx = t.imports.allocations;

@customElement('jalon-allocation-import')
export class JalonAllocationImport extends LitElement {
  static override styles = [tokens, ui, importStyles];

  @state() private _file: File | null = null;
  @state() private _preview: { file: File; report: AllocationImportReport } | null = null;
  @state() private _applied: AllocationImportReport | null = null;
  @state() private _refused: ImportRefusal[] = [];
  @state() private _message: { kind: 'error' | 'info'; title?: string; text: string } | null = null;
  @state() private _busy: 'dry' | 'apply' | 'page' | null = null;

  private _pick(file: File | null) {
    this._file = file;
    this._preview = null;
    this._applied = null;
    this._refused = [];
    this._message = null;
  }

  /** Another page of the simulation's rows: the same file simulated again, from `offset`. */
  private async _page(offset: number) {
    const cur = this._preview;
    if (!cur) return;
    this._busy = 'page';
    try {
      const report = await importAllocations(cur.file, true, offset);
      if (this._preview === cur) this._preview = { file: cur.file, report };
    } catch (err) {
      this._preview = null;
      this._message = { kind: 'error', text: (err as Error).message };
    } finally {
      this._busy = null;
    }
  }

  private async _run(dryRun: boolean) {
    const file = this._file;
    if (!file) {
      this._message = { kind: 'error', text: t.imports.noFile };
      return;
    }
    if (!dryRun && this._preview?.file !== file) {
      this._message = { kind: 'info', text: t.imports.stale };
      return;
    }
    this._busy = dryRun ? 'dry' : 'apply';
    this._message = null;
    this._applied = null;
    try {
      const report = await importAllocations(file, dryRun);
      this._refused = report.refused;
      if (dryRun) this._preview = { file, report };
      else {
        this._preview = null;
        this._applied = report;
        fire(this, 'allocations-changed', { count: report.created + report.updated + report.revised });
      }
    } catch (err) {
      // 422 on apply: the lines at fault, as in a dry run; anything else is a message
      if (err instanceof ApiError && err.problem.errors?.some((x) => x.path.startsWith('ligne')))
        this._refused = refusalsOf(err);
      this._preview = null;
      this._message = {
        kind: 'error',
        title: err instanceof ApiError ? err.problem.title : undefined,
        text: (err as Error).message,
      };
    } finally {
      this._busy = null;
    }
  }

  override render() {
    const p = this._preview?.report;
    const canApply = !!p && p.refusedCount === 0 && p.created + p.updated + p.revised > 0 && !this._busy;
    return html`<section class="card" aria-labelledby="alloc-import-title">
      <div class="head"><span class="step" aria-hidden="true">2</span>
        <div><h2 id="alloc-import-title">${tx.title}</h2><p class="hint">${tx.intro}</p></div></div>
      <p class="template"><span>${tx.template}</span>
        <a class="btn secondary small" href=${ALLOCATION_TEMPLATE.csv} download data-format="csv">${tx.templateCsv}</a>
        <a class="btn secondary small" href=${ALLOCATION_TEMPLATE.xlsx} download data-format="xlsx">${tx.templateXlsx}</a>
        <span class="hint">${tx.templateHint}</span></p>
      ${filePicker({ id: 'alloc-file', label: tx.file, hint: tx.fileHint, accept: `.csv,.xlsx,text/csv,${XLSX_TYPE}`, file: this._file, disabled: !!this._busy, onPick: (f) => this._pick(f) })}
      <div class="actions">
        <button class="btn secondary" type="button" ?disabled=${!!this._busy} @click=${() => this._run(true)}>
          ${this._busy === 'dry' ? t.imports.simulating : t.imports.simulate}</button>
        <button class="btn" type="button" ?disabled=${!canApply} @click=${() => this._run(false)}>
          ${this._busy === 'apply' ? t.imports.applying : t.imports.apply}</button>
      </div>
      <div role="status" aria-live="polite" data-testid="alloc-import-status">
        ${this._message ? html`<div class="alert ${this._message.kind}">${this._message.title ? html`<strong>${this._message.title}</strong>` : nothing}<p>${this._message.text}</p></div>` : nothing}
        ${p ? this._report(p, t.imports.dryRunBadge) : nothing}
        ${
          this._applied
            ? html`<div class="alert success"><p>${tx.applied(this._counts(this._applied))}</p>
          <ul class="landed">${
            this._applied.envelopes.length
              ? this._applied.envelopes.map(
                  (e) => html`<li><a href=${allocationsPageOn(e.id)}>${tx.seeEnvelope(e.code)}</a></li>`,
                )
              : html`<li><a href="/allocations">${tx.toGrid}</a></li>`
          }</ul></div>`
            : nothing
        }
      </div>
      ${p ? this._changes(p) : nothing}
      <jalon-refused-table source=${tx.title} .refused=${this._refused} .total=${this._preview?.report.refusedCount ?? this._refused.length}></jalon-refused-table>
    </section>`;
  }

  /** Who gets what: the rows that create or change an allocation, a page at a time. */
  private _changes(p: AllocationImportReport) {
    const rows: PreviewTableRow[] = p.changes.items.map((r) => ({
      key: `${r.line}`,
      finess: r.finess,
      name: r.name,
      regionName: r.regionName,
      detail: tp.imports.line(r.line, r.envelopeCode, r.actionCode),
      badge: {
        text: tp.imports.change[r.change],
        kind: r.change === 'created' ? 'info' : r.change === 'revised' ? 'warning' : 'neutral',
      },
      amounts: r.amounts,
      totalCents: r.totalCents,
      changeCents: r.changeCents,
    }));
    return html`<jalon-preview-table testid="import-changes" caption=${tp.imports.caption(p.changes.total)} .rows=${rows} .years=${p.years}
      show-change offset=${p.changes.offset} size=${p.changes.limit} total=${p.changes.total} ?busy=${this._busy === 'page'}
      @preview-page=${(e: CustomEvent<{ offset: number }>) => this._page(e.detail.offset)}></jalon-preview-table>`;
  }

  /** The report's counts, its amounts written in euros, for the messages. */
  private _counts(r: AllocationImportReport) {
    return {
      created: r.created,
      updated: r.updated,
      revised: r.revised,
      createdEuros: formatEuros(r.createdCents),
      change: formatSignedEuros(r.changeCents),
    };
  }

  private _report(p: AllocationImportReport, badge: string) {
    const stat = (label: string, value: string, cls = '') =>
      html`<div class=${cls}><dt>${label}</dt><dd>${value}</dd></div>`;
    const changes = p.created + p.updated + p.revised;
    return html`<div class="result-head"><h3>${t.imports.previewTitle}</h3><span class="badge info">${badge}</span></div>
      <dl class="stats">
        ${stat(tx.created, formatCount(p.created))}${stat(tx.total, formatEuros(p.createdCents))}
        ${stat(tx.updated, formatCount(p.updated))}${stat(tx.revised, formatCount(p.revised))}${stat(tx.change, formatSignedEuros(p.changeCents))}
        ${stat(tx.unchanged, formatCount(p.unchanged), 'muted')}
        ${stat(t.imports.finess.refused, formatCount(p.refusedCount), p.refusedCount ? 'bad' : 'muted')}
      </dl>
      <div class="alert ${p.refusedCount ? 'error' : 'info'}"><p>${
        p.refusedCount ? tx.blocked(p.refusedCount) : changes ? tx.preview(this._counts(p)) : tx.empty
      }</p></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-allocation-import': JalonAllocationImport;
  }
}
