// The modal dialogs that ask before a write (a reason, a date, an amount, a confirmation): one
// frame, one backdrop, the form's rhythm and the buttons at its foot.
import { css } from 'lit';

export const dialogStyles = css`
  dialog { border: 1px solid var(--border-strong); padding: 24px; max-width: min(560px, calc(100vw - 32px)); width: 100%; }
  dialog::backdrop { background: rgb(22 22 22 / 0.5); }
  dialog form { display: grid; gap: 16px; }
  dialog textarea { min-height: 96px; resize: vertical; }
  dialog .actions { display: flex; gap: 12px; flex-wrap: wrap; justify-content: flex-end; }
`;
