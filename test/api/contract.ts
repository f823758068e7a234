/**
 * The contract check of the API tests: every response is looked up in the OpenAPI document
 * (route, method, status, content type) and a JSON body is validated with Ajv against that
 * operation's response schema. An undocumented route, status, content type or field is a
 * problem; the harness turns problems into a failing test.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;
export interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, Json>>;
  components?: Json;
}

/** Routes answered outside Nest's router that the document does not describe (the document itself and its UI). */
const UNDESCRIBED = [/^\/api\/docs(-json|-yaml)?(\/.*)?$/];

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

interface Route {
  template: string;
  re: RegExp;
  /** Concrete routes before templated ones: /metrics/flow before /metrics/{name}. */
  params: number;
}

export class ContractValidator {
  private readonly ajv: Ajv2020;
  private readonly routes: Route[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDoc) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema(doc as object, 'openapi');
    this.routes = Object.keys(doc.paths)
      .map((template) => ({
        template,
        re: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        params: (template.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => a.params - b.params);
  }

  /** The documented route template a request path falls under, if any. */
  route(path: string): string | undefined {
    return this.routes.find((r) => r.re.test(path))?.template;
  }

  /** Problems with one response (empty when it is as documented). */
  check(method: string, path: string, status: number, contentType: string | null, body: string): string[] {
    const where = `${method} ${path} → ${status}`;
    if (!path.startsWith('/api/') || UNDESCRIBED.some((re) => re.test(path)) || method === 'OPTIONS' || method === 'HEAD') return [];
    const template = this.route(path);
    const op = template ? (this.doc.paths[template][method.toLowerCase()] as { responses: Record<string, Json> } | undefined) : undefined;
    if (!template || !op) {
      // An unknown route: Nest's 404 (or 401 first, when the caller has no credentials) in the error shape.
      if (status === 404 || status === 401) return this.validate(`${where} (undescribed route)`, '#/components/schemas/ApiErrorDto', body);
      return [`${where}: the route is not in the OpenAPI document`];
    }
    let response = op.responses[String(status)];
    if (!response) return [`${where}: status ${status} is not documented for ${method} ${template}`];
    let pointer = `#/paths/${escapePointer(template)}/${method.toLowerCase()}/responses/${status}`;
    if (typeof response.$ref === 'string') {
      pointer = response.$ref;
      response = this.resolve(response.$ref);
    }
    const content = response.content as Record<string, unknown> | undefined;
    if (!content) return body.length === 0 ? [] : [`${where}: a body was sent where none is documented`];
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!(type in content)) return [`${where}: content type ${type || '(none)'} is not documented (documented: ${Object.keys(content).join(', ')})`];
    if (type !== 'application/json') return [];
    return this.validate(where, `${pointer}/content/${escapePointer(type)}/schema`, body);
  }

  private resolve(ref: string): Json {
    let node: unknown = this.doc;
    for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return node as Json;
  }

  private validate(where: string, pointer: string, body: string): string[] {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return [`${where}: the body is not JSON`];
    }
    let fn = this.compiled.get(pointer);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `openapi${pointer}` });
      this.compiled.set(pointer, fn);
    }
    if (fn(value)) return [];
    return (fn.errors ?? [])
      .slice(0, 10)
      .map((e) => `${where}: ${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
  }
}

/** Throws when a response does not match the document (the harness calls this on every response). */
export async function assertDocumented(validator: ContractValidator, method: string, url: string, res: Response): Promise<void> {
  const path = new URL(url).pathname;
  const body = res.bodyUsed ? '' : await res.clone().text();
  const problems = validator.check(method, path, res.status, res.headers.get('content-type'), body);
  if (problems.length > 0) throw new Error(`response not as documented in the OpenAPI document:\n  ${problems.join('\n  ')}`);
}
