// Typed errors raised by the rules. They say what kind of refusal it is, never how a protocol
// answers it: server/http/problem.ts turns each kind into a status and a problem+json body.

export interface FieldError {
  path: string;
  message: string;
}

export type ErrorKind =
  | 'invalid' // the request itself is malformed
  | 'unauthenticated' // nobody (or nobody valid) is logged in
  | 'forbidden' // the actor may not do this
  | 'notFound'
  | 'conflict' // a duplicate of an existing record
  | 'stale' // the record changed since the version the client read
  | 'preconditionRequired' // a write without the version it was based on
  | 'throttled' // too many attempts: retry later
  | 'tooLarge' // more than a limit allows
  | 'unsupportedMedia' // a body in a format that is not read
  | 'ruleBroken'; // well-formed, but a management rule refuses it

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly title: string,
    readonly detail?: string,
    readonly errors: FieldError[] = [],
    /** For 'throttled': seconds before a new attempt is considered. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail ?? title);
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError('notFound', 'Introuvable', `${what} « ${id} » introuvable.`);

export const ruleBroken = (detail: string, errors: FieldError[] = []) =>
  new DomainError('ruleBroken', 'Règle de gestion non respectée', detail, errors);

/** Refuses with every error at once (their messages joined), when there is any. */
export const fail = (errors: FieldError[]): void => {
  if (errors.length) throw ruleBroken(errors.map((e) => e.message).join(' '), errors);
};

export const duplicate = (detail: string, path: string) =>
  new DomainError('conflict', 'Doublon', detail, [{ path, message: detail }]);

export const invalid = (detail: string, errors: FieldError[] = []) =>
  new DomainError('invalid', 'Requête invalide', detail, errors);

export const forbidden = (title: string, detail: string) => new DomainError('forbidden', title, detail);

export const unauthenticated = (title: string, detail: string) => new DomainError('unauthenticated', title, detail);

export const stale = (title: string, detail: string) => new DomainError('stale', title, detail);

export const preconditionRequired = (title: string, detail: string) =>
  new DomainError('preconditionRequired', title, detail);

export const unsupportedMedia = (title: string, detail: string) => new DomainError('unsupportedMedia', title, detail);

export const throttled = (detail: string, retryAfterSeconds: number) =>
  new DomainError('throttled', 'Trop de tentatives', detail, [], retryAfterSeconds);

/** More than a limit allows (rows, bytes, establishments kept); `where` names the field. */
export const tooLarge = (title: string, detail: string, where?: string) =>
  new DomainError('tooLarge', title, detail, where ? [{ path: where, message: detail }] : []);
