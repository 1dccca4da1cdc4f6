// A modal dialog that asks before a write (a reason, a date, an amount): opened with its first
// field focused, closed with the focus back on what opened it, and the write run once — busy
// meanwhile, the API's refusal kept by the fields the dialog shows or, when it names none of them,
// as the dialog's own message. The host renders one <dialog> and reads busy, errors and error.
import type { ReactiveController, ReactiveElement } from 'lit';
import { fieldErrors } from '../lib/catalog-form.js';

type Host = ReactiveElement & { renderRoot: HTMLElement | DocumentFragment };

/** The focused element, inside shadow roots too. */
const focused = (): HTMLElement | null => {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement ? el : null;
};

export class DialogController implements ReactiveController {
  busy = false;
  /** Refusals beside their field, by field path (the host's own checks, or the API's). */
  errors: Record<string, string> = {};
  /** A refusal that no field of the dialog shows. */
  error = '';
  private _opener: HTMLElement | null = null;

  /** `fields`: the paths of the API's refusals the dialog shows beside a field. */
  constructor(
    private readonly _host: Host,
    private readonly _fields: readonly string[],
  ) {
    _host.addController(this);
  }

  hostConnected() {}

  private get _dialog() {
    return this._host.renderRoot.querySelector('dialog');
  }

  private _set(errors: Record<string, string>, error: string) {
    this.errors = errors;
    this.error = error;
    this._host.requestUpdate();
  }

  /** Opens the dialog, once the host rendered what it shows, and focuses `focus` in it. */
  async open(focus: string) {
    this._opener = focused();
    this._set({}, '');
    await this._host.updateComplete;
    const dialog = this._dialog;
    if (dialog && !dialog.open) dialog.showModal();
    this._host.renderRoot.querySelector<HTMLElement>(focus)?.focus();
  }

  /** Closes it; the focus goes back to what opened it, when that is still on the page. */
  close() {
    this._dialog?.close();
    if (this._opener?.isConnected) this._opener.focus();
    this._opener = null;
  }

  /** The host's own checks found these: shown, the first invalid field focused; nothing sent. */
  async refuse(errors: Record<string, string>) {
    this._set(errors, '');
    await this._focusInvalid();
  }

  /** Runs the write; done, the dialog closes (true). Refused, its messages stay in it (false). */
  async run(write: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this._set({}, '');
    try {
      await write();
      this.close();
      return true;
    } catch (err) {
      const all = fieldErrors(err);
      const shown = Object.fromEntries(Object.entries(all).filter(([path]) => this._fields.includes(path)));
      this._set(shown, Object.keys(shown).length ? '' : (err as Error).message);
      await this._focusInvalid();
      return false;
    } finally {
      this.busy = false;
      this._host.requestUpdate();
    }
  }

  private async _focusInvalid() {
    await this._host.updateComplete;
    this._host.renderRoot.querySelector<HTMLElement>('dialog [aria-invalid="true"]')?.focus();
  }
}
