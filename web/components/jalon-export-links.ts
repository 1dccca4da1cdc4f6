// <jalon-export-links>: "Exporter CSV" / "Exporter Excel" as download links. The URLs come from
// web/api/exports.ts; `subject` completes each link's name for screen readers.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ExportLinks } from '../api/exports.js';
import { t } from '../i18n/common.js';
import { tokens, ui } from '../lib/styles.js';

const icon = html`<svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16"><path d="M8 1.5v8.2m0 0L4.8 6.5M8 9.7l3.2-3.2M2.5 11v3h11v-3" fill="none" stroke="currentColor" stroke-width="1.6"/></svg>`;

@customElement('jalon-export-links')
export class JalonExportLinks extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: inline-block; }
    .links { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
    .label { font-size: 0.875rem; color: var(--muted); margin-right: 4px; }
    @media print { :host { display: none; } }
  `,
  ];

  @property({ attribute: false }) links?: ExportLinks;
  /** What is exported, e.g. "les écarts alloué / approuvé / versé". */
  @property() subject = '';
  /** An optional visible label before the links. */
  @property() label = '';

  override render() {
    if (!this.links) return nothing;
    const more = this.subject ? html`<span class="sr-only"> : ${this.subject}</span>` : nothing;
    return html`<div class="links" role="group" aria-label=${t.exports.group(this.subject)}>
      ${this.label ? html`<span class="label" aria-hidden="true">${this.label}</span>` : nothing}
      <a class="btn secondary small" href=${this.links.csv} download data-format="csv">${icon}${t.exports.csv}${more}</a>
      <a class="btn secondary small" href=${this.links.xlsx} download data-format="xlsx">${icon}${t.exports.xlsx}${more}</a>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-export-links': JalonExportLinks;
  }
}
