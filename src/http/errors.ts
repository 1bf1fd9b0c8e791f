/**
 * Errors as a closed set of codes, each mapped once to an HTTP status and a French
 * message (catalogue key `errors.<code>`). Operations throw AppError; the error handler
 * renders it as JSON for the API and as a page for browsers.
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'payload_too_large'
  | 'rate_limited'
  | 'locked'
  | 'csrf'
  | 'internal';

export function statusOf(code: ErrorCode): 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 423 | 429 | 500 {
  switch (code) {
    case 'bad_request':
      return 400;
    case 'validation':
      return 422;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
    case 'csrf':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'gone':
      return 410;
    case 'payload_too_large':
      return 413;
    case 'locked':
      return 423;
    case 'rate_limited':
      return 429;
    case 'internal':
      return 500;
    default:
      return assertNever(code);
  }
}

export function assertNever(x: never): never {
  throw new Error(`Unexpected value: ${String(x)}`);
}

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** A French message for the user; defaults to the catalogue's message for the code. */
    message?: string,
    /** Field name → French message, for validation errors. */
    readonly fields?: FieldErrors,
  ) {
    super(message ?? code);
    this.name = 'AppError';
    this.hasMessage = message !== undefined;
  }
  readonly hasMessage: boolean;
  get status() {
    return statusOf(this.code);
  }
}

export const notFound = (message?: string) => new AppError('not_found', message);
export const forbidden = (message?: string) => new AppError('forbidden', message);
export const conflict = (message: string) => new AppError('conflict', message);
export const badRequest = (message: string, fields?: FieldErrors) =>
  new AppError('bad_request', message, fields);
export const invalid = (fields: FieldErrors, message?: string) => new AppError('validation', message, fields);
