// Shared design tokens and UI primitives (DSFR-like sobriety: Marianne blue, clear tables).
import { css } from 'lit';

export const tokens = css`
  :host {
    --blue: #000091; --blue-hover: #1212ff; --blue-100: #e3e3fd; --blue-50: #f5f5fe;
    --text: #161616; --muted: #3a3a3a; --mention: #666666;
    --border: #dddddd; --border-strong: #929292; --bg: #ffffff; --bg-alt: #f6f6f6; --bg-contrast: #eeeeee;
    --success: #18753c; --success-bg: #b8fec9; --error: #ce0500; --error-bg: #ffe9e9;
    --warning: #b34000; --warning-bg: #ffe9e6; --info: #0063cb; --info-bg: #e8edff;
    --focus: #0a76f6; --radius: 4px; --space: 8px;
    font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
    color: var(--text);
  }
  *, *::before, *::after { box-sizing: border-box; }
  :focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
`;

export const ui = css`
  h1 { font-size: 2rem; line-height: 2.5rem; margin: 0 0 8px; font-weight: 700; }
  h2 { font-size: 1.375rem; line-height: 1.75rem; margin: 0 0 12px; font-weight: 700; }
  h3 { font-size: 1.125rem; line-height: 1.5rem; margin: 0 0 8px; font-weight: 700; }
  p { margin: 0 0 12px; }
  .lead { font-size: 1.125rem; color: var(--muted); margin-bottom: 24px; max-width: 70ch; }
  .hint { font-size: 0.875rem; color: var(--mention); }
  .pager { display: flex; gap: 12px; align-items: center; justify-content: flex-end; margin-top: 16px; }
  a { color: var(--blue); text-underline-offset: 3px; }
  .card { background: var(--bg); border: 1px solid var(--border); padding: 24px; margin-bottom: 24px; }
  .card > h2:first-child { margin-top: 0; }
  .btn { font: inherit; font-weight: 500; display: inline-flex; align-items: center; gap: 8px; min-height: 40px; padding: 8px 16px;
    border: 1px solid var(--blue); background: var(--blue); color: #fff; cursor: pointer; border-radius: 0; text-decoration: none; white-space: nowrap; }
  .btn:hover:not(:disabled) { background: var(--blue-hover); border-color: var(--blue-hover); }
  .btn:disabled { background: var(--bg-contrast); border-color: var(--bg-contrast); color: #666; cursor: not-allowed; }
  .btn.secondary { background: var(--bg); color: var(--blue); }
  .btn.secondary:hover:not(:disabled) { background: var(--blue-50); }
  .btn.secondary:disabled { background: var(--bg-contrast); border-color: var(--bg-contrast); color: #666; }
  .btn.tertiary { background: transparent; color: var(--blue); border-color: transparent; text-decoration: underline; padding: 4px 8px; min-height: 32px; }
  .btn.small { min-height: 32px; padding: 4px 12px; font-size: 0.875rem; }
  .btn.danger { background: var(--bg); color: var(--error); border-color: var(--error); }
  .btn.danger:hover:not(:disabled) { background: var(--error-bg); }
  .field { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
  .field label, .label { font-weight: 500; font-size: 0.9375rem; }
  input, select, textarea { font: inherit; color: var(--text); background: var(--bg-contrast); border: 0; border-bottom: 2px solid var(--muted);
    border-radius: var(--radius) var(--radius) 0 0; padding: 8px 12px; min-height: 40px; width: 100%; }
  input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"] { border-bottom-color: var(--error); }
  .field-error { color: var(--error); font-size: 0.875rem; }
  .row { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-end; }
  .grow { flex: 1 1 200px; }
  table { border-collapse: collapse; width: 100%; background: var(--bg); font-variant-numeric: tabular-nums; }
  caption { text-align: left; font-weight: 700; padding: 0 0 8px; }
  th, td { padding: 8px 12px; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; }
  thead th { background: var(--bg-alt); border-bottom: 2px solid var(--text); font-weight: 700; font-size: 0.875rem; }
  tfoot th, tfoot td { border-top: 2px solid var(--text); font-weight: 700; background: var(--bg-alt); }
  .num { text-align: right; white-space: nowrap; }
  .badge { display: inline-block; padding: 0 8px; border-radius: var(--radius); font-size: 0.8125rem; font-weight: 700; line-height: 1.5rem;
    text-transform: uppercase; letter-spacing: 0.01em; white-space: nowrap; }
  .badge.success { color: var(--success); background: var(--success-bg); }
  .badge.error { color: var(--error); background: var(--error-bg); }
  .badge.warning { color: var(--warning); background: var(--warning-bg); }
  .badge.info { color: var(--info); background: var(--info-bg); }
  .badge.neutral { color: var(--muted); background: var(--bg-contrast); }
  .alert { border: 1px solid currentColor; border-left-width: 6px; padding: 12px 16px; margin: 0 0 16px; background: var(--bg); }
  .alert.error { color: var(--error); }
  .alert.success { color: var(--success); }
  .alert.info { color: var(--info); }
  .alert p, .alert strong { color: var(--text); margin: 0; }
  .sr-only { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  .loading { color: var(--mention); padding: 16px 0; }
  details > summary { cursor: pointer; color: var(--blue); margin: 8px 0; }
  @media print { .no-print { display: none !important; } .card { break-inside: avoid; border-color: #999; } }
`;
