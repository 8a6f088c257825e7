/**
 * Every error a client can see, defined once with a stable `type` URI and
 * sent as application/problem+json (RFC 9457).
 */

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

const TYPE_PREFIX = 'urn:search-analytics:problem:';

export interface ProblemExtras {
  errors?: FieldError[];
  /** Seconds for the Retry-After header of a 503. */
  retryAfter?: number;
  /** The Allow header of a 405. */
  allow?: string;
}

export class HttpProblem extends Error {
  readonly errors?: FieldError[];
  readonly retryAfter?: number;
  readonly allow?: string;

  constructor(
    readonly status: number,
    readonly kind: string,
    readonly title: string,
    readonly detail: string,
    extras: ProblemExtras = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
    this.errors = extras.errors;
    this.retryAfter = extras.retryAfter;
    this.allow = extras.allow;
  }

  toJSON(): Problem {
    const problem: Problem = {
      type: TYPE_PREFIX + this.kind,
      title: this.title,
      status: this.status,
      detail: this.detail,
    };
    if (this.errors) problem.errors = this.errors;
    return problem;
  }
}

export const problems = {
  validation: (errors: FieldError[]) =>
    new HttpProblem(
      400,
      'validation',
      'Invalid request',
      'The request does not match the API contract.',
      { errors },
    ),
  malformedJson: () =>
    new HttpProblem(400, 'malformed-json', 'Malformed JSON', 'The request body is not valid JSON.'),
  unreadableBody: () =>
    new HttpProblem(
      400,
      'unreadable-body',
      'Unreadable body',
      'The request body could not be read as sent (check its Content-Encoding).',
    ),
  rowRejected: () =>
    new HttpProblem(
      400,
      'rejected-by-database',
      'Values refused',
      'The database refused the values of this request; nothing was stored.',
    ),
  unauthorized: (detail: string) => new HttpProblem(401, 'unauthorized', 'Unauthorized', detail),
  forbiddenOrigin: () =>
    new HttpProblem(
      403,
      'forbidden-origin',
      'Origin not allowed',
      'Requests from this origin are not accepted.',
    ),
  notFound: () => new HttpProblem(404, 'not-found', 'Not found', 'No operation matches this path.'),
  methodNotAllowed: (allow?: string) =>
    new HttpProblem(
      405,
      'method-not-allowed',
      'Method not allowed',
      'This path does not take this method.',
      { allow },
    ),
  payloadTooLarge: (limit: string) =>
    new HttpProblem(
      413,
      'payload-too-large',
      'Payload too large',
      `The request body is larger than ${limit}.`,
    ),
  unsupportedMediaType: () =>
    new HttpProblem(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      'Send the body as UTF-8 application/json (or text/plain holding JSON).',
    ),
  notAcceptable: () =>
    new HttpProblem(
      406,
      'not-acceptable',
      'Not acceptable',
      'This resource is available as application/json or text/csv.',
    ),
  databaseUnavailable: () =>
    new HttpProblem(
      503,
      'database-unavailable',
      'Service unavailable',
      'The database cannot be reached; nothing was stored. Retry later.',
      { retryAfter: 5 },
    ),
  queueFull: () =>
    new HttpProblem(
      503,
      'queue-full',
      'Service busy',
      'Too many events are waiting to be stored; nothing was stored. Retry later.',
      { retryAfter: 1 },
    ),
  shuttingDown: () =>
    new HttpProblem(
      503,
      'shutting-down',
      'Service stopping',
      'The service is shutting down; nothing was stored. Retry later.',
      { retryAfter: 2 },
    ),
  internal: () =>
    new HttpProblem(
      500,
      'internal',
      'Internal error',
      'An unexpected error occurred; it has been logged.',
    ),
};
