// The previous / next bar under a paged table (the audit journal, the review list).
import { html, nothing } from 'lit';
import { t } from '../i18n/common.js';

/** `shown` rows from `offset` out of `total`, `size` a page; `go` is handed the new offset.
 *  Styled by `.pager` in the shared `ui` styles. */
export const pager = (p: {
  offset: number;
  size: number;
  shown: number;
  total: number;
  go: (offset: number) => void;
  testid?: string;
}) =>
  html`<div class="pager">
    <button class="btn secondary small" type="button" ?disabled=${p.offset === 0} @click=${() => p.go(Math.max(0, p.offset - p.size))}>${t.common.previous}</button>
    <span data-testid=${p.testid ?? nothing}>${p.total ? t.common.range(p.offset + 1, p.offset + p.shown, p.total) : ''}</span>
    <button class="btn secondary small" type="button" ?disabled=${p.offset + p.size >= p.total} @click=${() => p.go(p.offset + p.size)}>${t.common.next}</button>
  </div>`;
