// A labelled file field in French: the native input (keyboard, screen readers, drag and drop)
// lies transparent over a "Choisir un fichier" button, whose text the browser would otherwise
// write in its own language.
import { html } from 'lit';
import { formatBytes } from './format.js';
import { t } from '../i18n/imports.js';

export interface FilePickerOptions {
  id: string;
  label: string;
  hint: string;
  accept: string;
  file: File | null;
  disabled?: boolean;
  onPick: (file: File | null) => void;
}

export const filePicker = (o: FilePickerOptions) => html`<div class="field file">
  <label for=${o.id}>${o.label}</label>
  <span class="hint" id="${o.id}-hint">${o.hint}</span>
  <div class="picker">
    <span class="pick-btn" aria-hidden="true">${t.imports.pick}</span>
    <span class="pick-name" id="${o.id}-name">${o.file ? t.imports.fileInfo(o.file.name, formatBytes(o.file.size)) : t.imports.noFileChosen}</span>
    <input id=${o.id} type="file" accept=${o.accept} aria-describedby="${o.id}-hint ${o.id}-name" ?disabled=${!!o.disabled}
      @change=${(e: Event) => o.onPick((e.target as HTMLInputElement).files?.[0] ?? null)}>
  </div>
</div>`;
