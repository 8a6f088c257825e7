import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import { loadContract } from '../../src/http/contract';

/**
 * Checks a response against the response the contract declares for its
 * operation and status. Every test request goes through `expectConforms`.
 */
export class ContractChecker {
  private readonly ajv: Ajv;
  private readonly document = loadContract('').document as unknown as OpenApi;

  constructor() {
    // The contract is OpenAPI 3.0: `nullable` and `example` are its words, not JSON Schema's.
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(this.document, 'contract');
  }

  /** The contract's route template that a request path names, if any. */
  routeOf(pathname: string): string | undefined {
    const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
    return Object.keys(this.document.paths).find((route) => templateToRegExp(route).test(path));
  }

  /** Throws when the response does not match the contract. */
  check(method: string, route: string, status: number, contentType: string, body: unknown): void {
    const operation = this.document.paths[route]?.[method.toLowerCase()];
    if (!operation) return this.checkOutsideContract(method, route, status, contentType, body);

    const response = this.resolve(operation.responses[String(status)]);
    if (!response) throw new Error(`${method} ${route}: status ${status} is not in the contract`);

    const mediaType = contentType.split(';')[0].trim();
    const declared = response.content?.[mediaType];
    if (!declared) {
      throw new Error(
        `${method} ${route} ${status}: media type ${mediaType} is not in the contract`,
      );
    }
    this.validateBody(method, route, status, mediaType, declared, body);
  }

  /** A request the contract has no operation for must get a 404 or 405 problem. */
  checkOutsideContract(
    method: string,
    route: string,
    status: number,
    contentType: string,
    body: unknown,
  ): void {
    if (![404, 405].includes(status) || !contentType.startsWith('application/problem+json')) {
      throw new Error(`${method} ${route}: ${status} ${contentType} for an unknown operation`);
    }
    const problem = { schema: { $ref: '#/components/schemas/Problem' } };
    this.validateBody(method, route, status, 'application/problem+json', problem, body);
  }

  private validateBody(
    method: string,
    route: string,
    status: number,
    mediaType: string,
    declared: { schema?: unknown },
    body: unknown,
  ): void {
    if (!declared.schema || !mediaType.endsWith('json')) return;

    const validate = this.compile(declared.schema);
    if (!validate(body)) {
      const detail = this.ajv.errorsText(validate.errors);
      throw new Error(`${method} ${route} ${status}: body does not match the contract: ${detail}`);
    }
  }

  private compile(schema: unknown): ValidateFunction {
    const ref = (schema as { $ref?: string }).$ref;
    if (ref) return this.ajv.getSchema(`contract${ref}`)!;
    const anchored = JSON.stringify(schema).replace(/"#\/components\//g, '"contract#/components/');
    return this.ajv.compile(JSON.parse(anchored));
  }

  private resolve(response: Response | undefined): Response | undefined {
    if (!response?.$ref) return response;
    const name = response.$ref.replace('#/components/responses/', '');
    return this.document.components.responses[name];
  }
}

interface Response {
  $ref?: string;
  content?: Record<string, { schema?: unknown }>;
}

interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
  components: { responses: Record<string, Response> };
}

function templateToRegExp(route: string): RegExp {
  const escaped = route.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}
