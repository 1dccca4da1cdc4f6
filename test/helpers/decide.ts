// Decisions on a record (unapprove, cancel, validate, refuse) require If-Match, as PATCH does: post
// with the ETag the caller just read of the record (`/api/<kind>/<id>`, the path less its verb).
interface Caller<R> {
  get(path: string): Promise<{ headers: Headers }>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<R>;
}

export const decide = async <R>(who: Caller<R>, path: string, body?: unknown): Promise<R> => {
  const tag = (await who.get(path.slice(0, path.lastIndexOf('/')))).headers.get('etag') ?? '"none"';
  return who.post(path, body, { 'if-match': tag });
};
