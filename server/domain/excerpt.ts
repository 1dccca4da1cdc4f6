// What a message may quote of a field the user sent: its start, never all of it (an upload's
// cell can be megabytes long, and a refusal must not echo it back).

export const EXCERPT_CHARS = 40;

/** "abc" → "abc"; a longer text → its first 40 characters, "…" and how long it was. */
export const excerpt = (s: string, max = EXCERPT_CHARS): string =>
  s.length <= max ? s : `${s.slice(0, max)}… (${s.length} caractères)`;
