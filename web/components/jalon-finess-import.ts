// <jalon-finess-import>: the national FINESS extract. The file streams to the server, which
// reports its progress; a dry run lists what would change, then applying writes it all at once.
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiError } from '../api/client.js';
import { importFiness, type FinessProgress, type FinessReport } from '../api/imports.js';
import './jalon-refused-table.js';
import { filePicker } from '../lib/file-picker.js';
import { fire } from '../lib/fire.js';
import { formatBytes, formatCount, formatPercent } from '../lib/format.js';
import { t } from '../i18n/imports.js';
import { importStyles } from '../lib/import-styles.js';
import { tokens, ui } from '../lib/styles.js';

const tx = t.imports.finess;
const LIST_MAX = 50;
const n = formatCount;

@customElement('jalon-finess-import')
export class JalonFinessImport extends LitElement {
  static override styles = [tokens, ui, importStyles];

  @state() private _file: File | null = null;
  @state() private _report: FinessReport | null = null;
  @state() private _previewOf: File | null = null;
  @state() private _accepted = false;
  @state() private _busy: 'dry' | 'apply' | null = null;
  @state() private _progress: FinessProgress | null = null;
  @state() private _message: { kind: 'error' | 'info' | 'success'; title?: string; text: string } | null = null;
  private _abort?: AbortController;

  override disconnectedCallback() {
    this._abort?.abort();
    super.disconnectedCallback();
  }

  private _pick(file: File | null) {
    this._file = file;
    this._report = null;
    this._previewOf = null;
    this._accepted = false;
    this._message = null;
  }

  private async _run(dryRun: boolean) {
    const file = this._file;
    if (!file) {
      this._message = { kind: 'error', text: t.imports.noFile };
      return;
    }
    if (!dryRun && this._previewOf !== file) {
      this._message = { kind: 'info', text: t.imports.stale };
      return;
    }
    this._busy = dryRun ? 'dry' : 'apply';
    this._message = { kind: 'info', text: tx.started };
    this._progress = { sentBytes: 0, totalBytes: file.size, lines: 0, readBytes: 0 };
    this._abort = new AbortController();
    try {
      const report = await importFiness(
        file,
        dryRun,
        (p) => {
          this._progress = p;
        },
        this._abort.signal,
      );
      this._report = report;
      this._previewOf = dryRun ? file : null;
      this._accepted = false;
      this._message = dryRun
        ? { kind: 'info', text: tx.previewDone }
        : { kind: 'success', text: tx.applied(report.created, report.updated) };
      // establishments and regions have changed: the shell reads them again
      if (!dryRun) fire(this, 'reference-changed', undefined);
    } catch (err) {
      this._report = null;
      this._previewOf = null;
      this._message =
        err instanceof DOMException && err.name === 'AbortError'
          ? { kind: 'info', text: t.imports.cancelled }
          : {
              kind: 'error',
              title: err instanceof ApiError ? err.problem.title : undefined,
              text: (err as Error).message,
            };
    } finally {
      this._busy = null;
      this._progress = null;
    }
  }

  override render() {
    const r = this._report;
    const preview = r?.dryRun && this._previewOf === this._file ? r : null;
    const changes = preview ? preview.created + preview.updated : 0;
    const canApply = !!preview && changes > 0 && (preview.refusedCount === 0 || this._accepted) && !this._busy;
    return html`<section class="card" aria-labelledby="finess-title">
      <div class="head"><span class="step" aria-hidden="true">1</span>
        <div><h2 id="finess-title">${tx.title}</h2><p class="hint">${tx.intro}</p></div></div>
      ${filePicker({ id: 'finess-file', label: tx.file, hint: tx.fileHint, accept: '.csv,.txt,text/csv,text/plain', file: this._file, disabled: !!this._busy, onPick: (f) => this._pick(f) })}
      <div class="actions">
        <button class="btn secondary" type="button" ?disabled=${!!this._busy} @click=${() => this._run(true)}>
          ${this._busy === 'dry' ? t.imports.simulating : t.imports.simulate}</button>
        <button class="btn" type="button" ?disabled=${!canApply} @click=${() => this._run(false)}>
          ${this._busy === 'apply' ? t.imports.applying : t.imports.apply}</button>
        ${this._busy ? html`<button class="btn tertiary" type="button" @click=${() => this._abort?.abort()}>${t.imports.cancel}</button>` : nothing}
      </div>
      ${this._progress ? this._bar(this._progress) : nothing}
      <div role="status" aria-live="polite" data-testid="finess-status">
        ${this._message ? html`<div class="alert ${this._message.kind}">${this._message.title ? html`<strong>${this._message.title}</strong>` : nothing}<p>${this._message.text}</p></div>` : nothing}
        ${preview && !changes ? html`<div class="alert info"><p>${tx.nothing}</p></div>` : nothing}
      </div>
      ${r ? this._summary(r) : nothing}
      ${
        preview && preview.refusedCount > 0 && changes > 0
          ? html`<label class="check"><input type="checkbox" .checked=${this._accepted}
        @change=${(e: Event) => {
          this._accepted = (e.target as HTMLInputElement).checked;
        }}><span>${tx.accept(preview.refusedCount)}</span></label>`
          : nothing
      }
    </section>`;
  }

  private _bar(p: FinessProgress) {
    // Chromium reads the answer once the upload is over: the server's line count comes last,
    // so the bar follows the upload, then turns indeterminate while the server finishes.
    const sending = p.sentBytes < p.totalBytes;
    const ratio = p.totalBytes ? Math.min(1, p.sentBytes / p.totalBytes) : 0;
    return html`<div class="progress" data-testid="finess-progress">
      <label for="finess-bar">${tx.progressLabel}</label>
      <progress id="finess-bar" max="100" value=${ifDefined(sending ? Math.round(ratio * 100) : undefined)}></progress>
      <span class="hint">${sending ? tx.sending(formatPercent(ratio), formatBytes(p.sentBytes), formatBytes(p.totalBytes)) : tx.processing(n(p.lines))}</span>
    </div>`;
  }

  private _summary(r: FinessReport) {
    const stat = (label: string, v: number, cls = '') =>
      html`<div class=${cls}><dt>${label}</dt><dd>${n(v)}</dd></div>`;
    const c = r.changes;
    return html`<div class="result-head"><h3>${r.dryRun ? t.imports.previewTitle : t.imports.appliedTitle}</h3>
        <span class="badge ${r.dryRun ? 'info' : 'success'}">${r.dryRun ? t.imports.dryRunBadge : t.imports.appliedBadge}</span></div>
      <dl class="stats" data-testid="finess-stats">
        ${stat(tx.lines, r.lines, 'muted')}${stat(tx.kept, r.kept)}
        ${stat(r.dryRun ? tx.created : tx.createdDone, r.created)}${stat(r.dryRun ? tx.updated : tx.updatedDone, r.updated)}
        ${stat(tx.unchanged, r.unchanged, 'muted')}${stat(tx.refused, r.refusedCount, r.refusedCount ? 'bad' : 'muted')}
      </dl>
      <p class="hint">${tx.skipped(r.skipped.geolocalisation, r.skipped.category, r.skipped.other)}
        ${r.regionsCreated.length ? tx.regions(r.regionsCreated.join(', ')) : nothing}</p>
      ${
        c.created.length
          ? html`<details><summary>${tx.createdList(r.created)}</summary>
        <table><thead><tr><th scope="col">FINESS</th><th scope="col">${tx.name}</th><th scope="col">${t.common.region}</th><th scope="col">${t.common.category}</th></tr></thead>
        <tbody>${c.created.slice(0, LIST_MAX).map((e) => html`<tr><td>${e.finess}</td><td>${e.name}</td><td>${e.region}</td><td>${t.categories[e.category]}</td></tr>`)}</tbody></table>
        ${r.created > LIST_MAX ? html`<p class="hint">${tx.listCapped(LIST_MAX)}</p>` : nothing}</details>`
          : nothing
      }
      ${
        c.updated.length
          ? html`<details><summary>${tx.updatedList(r.updated)}</summary>
        <table><thead><tr><th scope="col">FINESS</th><th scope="col">${tx.name}</th><th scope="col">${tx.fields}</th></tr></thead>
        <tbody>${c.updated.slice(0, LIST_MAX).map((e) => html`<tr><td>${e.finess}</td><td>${e.name}</td><td>${e.fields.map((f) => tx.fieldNames[f] ?? f).join(', ')}</td></tr>`)}</tbody></table>
        ${r.updated > LIST_MAX ? html`<p class="hint">${tx.listCapped(LIST_MAX)}</p>` : nothing}</details>`
          : nothing
      }
      <jalon-refused-table source=${tx.title} .refused=${r.refused} .total=${r.refusedCount}></jalon-refused-table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-finess-import': JalonFinessImport;
  }
}
