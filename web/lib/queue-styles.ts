// Layout shared by the queues of the applications page (applications to instruct, declarations to
// check) and the « À verser » list: a table that turns into one card per row below 720 px, the
// dialog a decision opens, and what their cells hold.
import { css } from 'lit';
import { cardTable } from './catalog-form.js';
import { dialogStyles } from './dialog-styles.js';

export const queueStyles = [
  cardTable,
  dialogStyles,
  css`
    :host { display: block; }
    .sub { display: block; font-size: 0.8125rem; color: var(--mention); font-weight: 400; overflow-wrap: anywhere; }
    .tools { display: flex; flex-wrap: wrap; gap: 8px; }
    .files { list-style: none; margin: 0; padding: 0; font-size: 0.875rem; }
    .files a { overflow-wrap: anywhere; }
    .actions { display: flex; flex-wrap: wrap; gap: 12px; }
  `,
];
