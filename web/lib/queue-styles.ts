// Layout shared by the queues of the applications page (applications to instruct, declarations to
// check) and the « À verser » list: a table that turns into one card per row below 720 px, and
// the dialog a decision opens.
import { css } from 'lit';

export const queueStyles = css`
  :host { display: block; }
  .sub { display: block; font-size: 0.8125rem; color: var(--mention); font-weight: 400; overflow-wrap: anywhere; }
  .tools { display: flex; flex-wrap: wrap; gap: 8px; }
  .files { list-style: none; margin: 0; padding: 0; font-size: 0.875rem; }
  .files a { overflow-wrap: anywhere; }
  dialog { border: 1px solid var(--border); padding: 24px; max-width: min(560px, calc(100vw - 32px)); width: 100%; }
  dialog::backdrop { background: rgb(0 0 0 / 0.4); }
  dialog form { display: grid; gap: 16px; }
  textarea { min-height: 96px; resize: vertical; }
  textarea[aria-invalid='true'] { border-bottom-color: var(--error); }
  .actions { display: flex; flex-wrap: wrap; gap: 12px; }
  @media (max-width: 720px) {
    table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    table.cards, table.cards tbody, table.cards tfoot, table.cards tr, table.cards th, table.cards td { display: block; width: 100%; }
    table.cards tr { border: 1px solid var(--border); margin-bottom: 12px; padding: 8px 12px; }
    table.cards th, table.cards td { border: 0; padding: 4px 0; text-align: left; }
    table.cards td[data-label]::before { content: attr(data-label) ' : '; font-weight: 500; color: var(--muted); }
  }
`;
