// Layout shared by the two import sections: step heading, file field, counters, progress bar.
import { css } from 'lit';

export const importStyles = css`
  :host { display: block; }
  .card { margin-bottom: 32px; }
  .head { display: flex; gap: 16px; align-items: flex-start; margin-bottom: 16px; }
  .step { flex: none; width: 40px; height: 40px; display: grid; place-items: center; background: var(--blue); color: #fff; font-weight: 700; font-size: 1.125rem; }
  .head p { margin: 0; max-width: 90ch; }
  .file { max-width: 640px; margin-bottom: 16px; }
  .picker { position: relative; display: flex; align-items: center; gap: 16px; margin-top: 4px; padding: 8px 12px; background: var(--bg-contrast);
    border-bottom: 2px solid var(--muted); border-radius: var(--radius) var(--radius) 0 0; }
  .picker input { position: absolute; inset: 0; opacity: 0; cursor: pointer; min-height: 0; padding: 0; }
  .picker input:disabled { cursor: not-allowed; }
  .pick-btn { flex: none; font-weight: 500; padding: 6px 14px; border: 1px solid var(--blue); background: var(--bg); color: var(--blue); }
  .picker:hover .pick-btn { background: var(--blue-50); }
  .picker:focus-within { outline: 2px solid var(--focus); outline-offset: 2px; }
  .pick-name { color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .actions { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; margin-bottom: 16px; }
  .stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 0 0 16px; }
  .stats div { border: 1px solid var(--border); border-top: 4px solid var(--blue); padding: 12px 16px; background: var(--bg); }
  .stats div.bad { border-top-color: var(--error); }
  .stats div.muted { border-top-color: var(--border-strong); }
  .stats dt { font-size: 0.875rem; color: var(--muted); }
  .stats dd { margin: 4px 0 0; font-size: 1.5rem; font-weight: 700; font-variant-numeric: tabular-nums; }
  .result-head { display: flex; gap: 12px; align-items: center; margin: 24px 0 12px; }
  .result-head h3 { margin: 0; }
  .progress { margin: 0 0 16px; max-width: 640px; }
  .progress label { display: block; font-weight: 500; font-size: 0.9375rem; margin-bottom: 6px; }
  progress { appearance: none; width: 100%; height: 12px; border: 0; background: var(--bg-contrast); display: block; }
  progress::-webkit-progress-bar { background: var(--bg-contrast); }
  progress::-webkit-progress-value { background: var(--blue); transition: width 0.2s; }
  progress::-moz-progress-bar { background: var(--blue); }
  .progress .hint { display: block; margin-top: 6px; font-variant-numeric: tabular-nums; }
  .check { display: flex; gap: 10px; align-items: flex-start; margin: 8px 0 16px; }
  .template { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; margin: 0 0 16px; }
  .template .hint { flex-basis: 100%; }
  .landed { margin: 8px 0 0; padding-left: 1.25em; }
  .check input { width: 20px; height: 20px; min-height: 0; margin: 2px 0 0; flex: none; }
`;
