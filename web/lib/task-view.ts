// One way to show a task's states: « Chargement… » while it runs, an alert when it fails, the
// view when it completes (or, with keepValue, the last view marked as updating while it reruns).
import { html, nothing } from 'lit';
import type { Task } from '@lit/task';
import { t } from '../i18n/common.js';

export const loading = () => html`<p class="loading" role="status">${t.app.loading}</p>`;

/** `heading`: the whole view failed (« Chargement impossible » above the message), else a part of it. */
export const loadFailed = (e: unknown, heading = true) =>
  html`<div class="alert error" role="alert">${heading ? html`<strong>${t.errors.load}</strong>` : nothing}<p>${e instanceof Error ? e.message : String(e)}</p></div>`;

export interface TaskViewOptions {
  keepValue?: boolean;
  heading?: boolean;
}

export const renderTask = <A extends readonly unknown[], T>(
  task: Task<A, T>,
  complete: (value: T, updating: boolean) => unknown,
  { keepValue = false, heading = true }: TaskViewOptions = {},
) =>
  task.render({
    pending: () => (keepValue && task.value !== undefined ? complete(task.value, true) : loading()),
    error: (e) => loadFailed(e, heading),
    complete: (value) => complete(value, false),
  });
