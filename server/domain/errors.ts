// Typed errors raised by the rules; one handler turns them into application/problem+json.

export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429,
    readonly title: string,
    readonly detail?: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail ?? title);
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError(404, 'Introuvable', `${what} « ${id} » introuvable.`);

export const ruleBroken = (detail: string, errors: FieldError[] = []) =>
  new DomainError(422, 'Règle de gestion non respectée', detail, errors);

export const duplicate = (detail: string, path: string) =>
  new DomainError(409, 'Doublon', detail, [{ path, message: detail }]);

export const invalid = (detail: string, errors: FieldError[] = []) =>
  new DomainError(400, 'Requête invalide', detail, errors);
