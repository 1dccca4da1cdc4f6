// Page state that lives in the URL (filters), so a view can be shared and reloaded.
export const readParams = <K extends string>(keys: readonly K[]): Record<K, string> => {
  const q = new URLSearchParams(location.search);
  return Object.fromEntries(keys.map((k) => [k, q.get(k) ?? ''])) as Record<K, string>;
};

export const writeParams = (values: Record<string, string>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) q.set(k, v);
  const qs = q.toString();
  const url = `${location.pathname}${qs ? `?${qs}` : ''}`;
  if (url !== location.pathname + location.search) history.replaceState(null, '', url);
};
