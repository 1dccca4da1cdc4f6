// The bookkeeping a catalogue page does around its list: which record's form is open ('' a new
// one), which deletion awaits confirmation, the notice after a save or a deletion (a refusal is
// tied to its record's row), and where focus goes after each step. The host renders the form
// (`formTag`) while `editing` is not null, `#new`, and each row's `tools()`.
import { html, nothing, type ReactiveController, type ReactiveElement } from 'lit';
import { fire, type JalonEvent } from '../lib/fire.js';

export interface Notice {
  kind: 'success' | 'error';
  text: string;
  /** The record a refusal is about: shown in its row, not at the top. */
  id?: string;
}

export interface CatalogLabels {
  edit: string;
  editLabel: (name: string) => string;
  delete: string;
  deleteLabel: (name: string) => string;
  confirmDelete: (name: string) => string;
  confirm: string;
  cancel: string;
}

export interface CatalogOptions<T> {
  /** The form's tag, rendered in the host's shadow root while a record is edited. */
  formTag: string;
  /** Settles when the host's data, reloaded after a change, is rendered anew. */
  reloaded: () => Promise<unknown>;
  remove: (item: T) => Promise<unknown>;
  /** The notice after `item` was deleted. */
  deleted: (item: T) => string;
  labels: CatalogLabels;
  /** What a save or a deletion tells the app; by default the reference lists are read again. */
  changed?: (what: 'saved' | 'deleted') => void;
}

type Host = ReactiveElement & { renderRoot: HTMLElement | DocumentFragment };

export class CatalogController<T extends { id: string; name: string }> implements ReactiveController {
  private _editing: string | null = null;
  private _confirming: string | null = null;
  private _notice: Notice | null = null;

  constructor(
    private readonly _host: Host,
    private readonly _o: CatalogOptions<T>,
  ) {
    _host.addController(this);
  }

  /** The id of the record whose form is open ('': a new one), or null. */
  get editing() {
    return this._editing;
  }

  /** The notice shown at the top of the page (not a row's refusal). */
  get notice(): Notice | null {
    return this._notice && !this._notice.id ? this._notice : null;
  }

  private _set(editing: string | null, confirming: string | null, notice: Notice | null) {
    this._editing = editing;
    this._confirming = confirming;
    this._notice = notice;
    this._host.requestUpdate();
  }

  hostConnected() {
    this._host.addEventListener('catalog-saved', this._onSaved as EventListener);
    this._host.addEventListener('form-close', this._onClose);
  }

  hostDisconnected() {
    this._host.removeEventListener('catalog-saved', this._onSaved as EventListener);
    this._host.removeEventListener('form-close', this._onClose);
  }

  private _changed(what: 'saved' | 'deleted') {
    if (this._o.changed) this._o.changed(what);
    else fire(this._host, 'reference-changed', undefined);
  }

  private _onSaved = (ev: JalonEvent<'catalog-saved'>) => {
    ev.stopPropagation();
    const id = this._editing;
    this._set(null, this._confirming, { kind: 'success', text: ev.detail.message });
    this._changed('saved');
    // saved from a dialog rather than the form: the dialog gives the focus back itself
    if (id !== null) void this.focus(id ? `#edit-${id}` : '#new', true);
  };

  private _onClose = (ev: Event) => {
    ev.stopPropagation();
    const id = this._editing;
    this.close();
    void this.focus(id ? `#edit-${id}` : '#new');
  };

  /** Closes the form, if one is open, and nothing else changes. */
  close() {
    this._set(null, this._confirming, this._notice);
  }

  /** Focuses `selector` (or `#new`) once rendered; `reloaded`: once the data reloaded, too. */
  async focus(selector: string, reloaded = false) {
    await this._host.updateComplete;
    if (reloaded) {
      await this._o.reloaded().catch(() => {});
      await this._host.updateComplete;
    }
    const root = this._host.renderRoot;
    (root.querySelector<HTMLElement>(selector) ?? root.querySelector<HTMLElement>('#new'))?.focus();
  }

  /** Opens the form of record `id` ('': a new one) and focuses its first field. */
  open(id: string) {
    this._set(id, null, null);
    void this._host.updateComplete.then(async () => {
      const form = this._host.renderRoot.querySelector<ReactiveElement>(this._o.formTag);
      await form?.updateComplete;
      form?.renderRoot.querySelector<HTMLElement>('input, select')?.focus();
    });
  }

  private async _delete(item: T) {
    try {
      await this._o.remove(item);
      this._set(this._editing, null, { kind: 'success', text: this._o.deleted(item) });
      this._changed('deleted');
      void this.focus('#new', true);
    } catch (err) {
      this._set(this._editing, null, { kind: 'error', text: (err as Error).message, id: item.id });
      void this.focus(`#delete-${item.id}`);
    }
  }

  /** A row's cell content: edit and delete buttons, the deletion's confirmation, its refusal. */
  tools(item: T) {
    const l = this._o.labels;
    const id = item.id;
    const refused = this._notice?.kind === 'error' && this._notice.id === id ? this._notice.text : '';
    return html`<div class="tools">
            <button class="btn secondary small" id="edit-${id}" type="button" aria-label=${l.editLabel(item.name)} @click=${() => this.open(id)}>${l.edit}</button>
            <button class="btn danger small" id="delete-${id}" type="button" aria-label=${l.deleteLabel(item.name)}
              @click=${() => {
                this._set(this._editing, id, null);
                void this.focus(`#confirm-${id}`);
              }}>${l.delete}</button></div>
            ${
              this._confirming === id
                ? html`<div class="alert info confirm" role="group" aria-labelledby="confirm-text-${id}">
                  <p id="confirm-text-${id}">${l.confirmDelete(item.name)}</p>
                  <button class="btn danger small" id="confirm-${id}" type="button" @click=${() => this._delete(item)}>${l.confirm}</button>
                  <button class="btn secondary small" type="button" @click=${() => {
                    this._set(this._editing, null, this._notice);
                    void this.focus(`#delete-${id}`);
                  }}>${l.cancel}</button></div>`
                : nothing
            }
            <div role="alert">${refused ? html`<div class="alert error" data-testid="refusal"><p>${refused}</p></div>` : nothing}</div>`;
  }
}
