/**
 * The OpenAPI 3.1 document served at /api/docs-json: Nest's scan of the controllers and DTO
 * classes, completed with what decorators cannot say. The metric routes' query parameters and
 * their allowed values come from the metrics catalogue at run time (per metric, so they never
 * drift); every route gets the error responses it can give and its security; Nest's OpenAPI 3.0
 * `nullable` is rewritten to 3.1 types; every object schema is closed (additionalProperties:
 * false) so that an undocumented field fails the contract tests.
 */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { catalogueEntry, METRICS, type CatalogueEntry, type ColumnKind } from '@weegwijzer/metrics';
import { PHENOMENA, RECEIVING_PARTIES, REGION_CODES, SOURCES } from '@weegwijzer/contract';
import type { AppConfig } from '../config/app-config';
import { ARROW_STREAM_TYPE } from '../metrics/arrow-format';
import { FORMATS } from '../metrics/metric-query';

const FILTER_CODES = { phenomenon: PHENOMENA, receiving_party: RECEIVING_PARTIES, source: SOURCES } as const;
import { MetricResponseDto } from '../metrics/metric.dto';
import { ApiErrorDto, ERROR_MEANING } from './api-error.dto';
import { REGION_CODE_PATTERN } from './region-code';

export const OPENAPI_VERSION = '3.1.0';
const METRIC_ROUTE = '/api/v1/metrics/{name}';
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const TAGS: { name: string; description: string }[] = [
  { name: 'metrics', description: 'The metric catalogue and every metric of METRICS.md, after disclosure control, as JSON, CSV or Arrow IPC' },
  { name: 'batches', description: 'Deliver a batch (manifest + two data files) and follow its validation and loading' },
  { name: 'registry', description: 'Safety regions with their profile and its history, municipalities with population, boundaries' },
  { name: 'audit', description: 'The append-only log of every API request (beheer)' },
  { name: 'identity', description: 'Who the credentials belong to' },
  { name: 'demo', description: 'Demo mode only: the tokens offered by the role picker' },
  { name: 'health', description: 'Liveness and readiness of the stores' },
];

const DESCRIPTION = `Metrics on the early-signal phase of the PGA-R, without personal data. Every number passes disclosure control (METRICS.md); no route returns a row per signal, assessment or person.

Authenticate with \`Authorization: Bearer <token>\`: an API token (\`npm run admin -- token create\`) or, where configured, an OpenID Connect JWT. Errors are JSON \`{statusCode, message, error}\` with a message that names the parameter or field. Scripts for common tasks: docs/api.md.`;

/** `metricsList`, `batchesUpload`, …: stable operation ids for generated clients. */
function operationId(controllerKey: string, methodKey: string): string {
  const c = controllerKey.replace(/Controller$/, '');
  return `${c.charAt(0).toLowerCase()}${c.slice(1)}${methodKey.charAt(0).toUpperCase()}${methodKey.slice(1)}`;
}

export interface OpenApiOptions {
  config: AppConfig;
  /** The server URL clients should call (http://host:port). */
  serverUrl: string;
}

export function buildOpenApiDocument(app: INestApplication, opts: OpenApiOptions): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion(OPENAPI_VERSION)
    .setTitle('Weegwijzer API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addServer(opts.serverUrl, 'this server')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'wgw_… API token or OIDC JWT',
        description: 'An API token (npm run admin -- token create) or, where configured, an OIDC JWT',
      },
      'bearer',
    );
  for (const t of TAGS) builder.addTag(t.name, t.description);
  const oidc = opts.config.oidc;
  if (oidc) {
    builder.addSecurity('oidc', {
      type: 'openIdConnect',
      openIdConnectUrl: `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
      description: `OpenID Connect JWT for audience ${oidc.audience}; role in claim ${oidc.roleClaim}, region (regio) in claim ${oidc.regionClaim}`,
    });
  }
  const doc = SwaggerModule.createDocument(app, builder.build(), { operationIdFactory: operationId, extraModels: [MetricResponseDto, ApiErrorDto] });
  doc.info.license = { name: 'EUPL-1.2', identifier: 'EUPL-1.2' } as OpenAPIObject['info']['license'];
  delete doc.info.contact;
  addErrorResponses(doc);
  // Region codes in responses: a pattern, so that clients read them as plain strings.
  doc.components!.schemas!.RegionCode = { type: 'string', pattern: REGION_CODE_PATTERN, description: 'safety region code VR01..VR25', example: 'VR13' };
  addMetricRoutes(doc);
  completeOperations(doc, oidc !== undefined);
  for (const schema of Object.values(doc.components?.schemas ?? {})) to31(schema);
  forEachInlineSchema(doc, (s) => to31(s));
  return doc;
}

/* ---------------------------------------------------------------- metric routes */

function metricParameters(entries: CatalogueEntry[], generic: boolean): ParameterObject[] {
  const accepts = (f: string) => entries.some((e) => e.filters.includes(f as never));
  const forWhich = (f: string) =>
    generic && entries.some((e) => !e.filters.includes(f as never))
      ? ` Accepted by ${entries
          .filter((e) => e.filters.includes(f as never))
          .map((e) => e.name)
          .join(', ')}.`
      : '';
  const out: ParameterObject[] = [];
  if (accepts('regions')) {
    out.push({
      name: 'regions',
      in: 'query',
      required: false,
      style: 'form',
      explode: false,
      description: `Safety regions, comma-separated (default: all; a regio token: its own region, others only as an anonymous distribution).${forWhich('regions')}`,
      schema: { type: 'array', items: { type: 'string', enum: REGION_CODES }, uniqueItems: true },
      example: ['VR13', 'VR03'],
    });
  }
  for (const key of ['from', 'to'] as const) {
    if (!accepts(key)) continue;
    out.push({
      name: key,
      in: 'query',
      required: false,
      description: `${key === 'from' ? 'First' : 'Last'} month of the period (inclusive), by the date a signal was received: YYYY-MM, or YYYY-MM-DD on the ${key === 'from' ? 'first' : 'last'} day of a month (periods are whole months, METRICS.md disclosure rule 2).${forWhich(key)}`,
      schema: { type: 'string', pattern: key === 'from' ? '^\\d{4}-\\d{2}(-01)?$' : '^\\d{4}-\\d{2}(-\\d{2})?$' },
      example: key === 'from' ? '2024-01' : '2024-12',
    });
  }
  for (const key of Object.keys(FILTER_CODES) as (keyof typeof FILTER_CODES)[]) {
    if (!accepts(key)) continue;
    out.push({ name: key, in: 'query', required: false, description: `Only signals with this ${key} (contract code).${forWhich(key)}`, schema: ref(FILTER_SCHEMAS[key]) });
  }
  // The metrics' own parameters, with their allowed values and defaults (per metric on the per-metric routes).
  const params = new Map<string, { values: Set<string>; by: string[]; label: string; defaults: Set<string> }>();
  for (const e of entries) {
    for (const p of e.params) {
      const cur = params.get(p.name) ?? { values: new Set<string>(), by: [], label: p.label.en, defaults: new Set<string>() };
      p.values.forEach((v) => cur.values.add(v));
      cur.by.push(`${e.name}: ${p.values.join(', ')} (default ${p.default})`);
      cur.defaults.add(p.default);
      params.set(p.name, cur);
    }
  }
  for (const [name, p] of params) {
    const schema: SchemaObject = p.values.size > 0 ? { type: 'string', enum: [...p.values] } : { type: 'string' };
    if (p.defaults.size === 1) schema.default = [...p.defaults][0];
    out.push({ name, in: 'query', required: false, description: generic ? `${p.label}. Per metric: ${p.by.join('; ')}.` : `${p.label}.`, schema });
  }
  out.push({
    name: 'format',
    in: 'query',
    required: false,
    description: 'Output format; overrides the Accept header (application/json, text/csv, application/vnd.apache.arrow.stream).',
    schema: { type: 'string', enum: [...FORMATS], default: 'json' },
  });
  out.push({
    name: 'sep',
    in: 'query',
    required: false,
    description: 'CSV separator: use ; for Excel with a Dutch locale (the CSV starts with a BOM; suppressed values are x).',
    schema: { type: 'string', enum: [',', ';'], default: ',' },
  });
  return out;
}

/** JSON types of a column's values by kind (null: suppressed, not applicable, or a national row's region). */
const VALUE_TYPES: Record<ColumnKind, string[]> = {
  dimension: ['string', 'number', 'null'],
  count: ['integer', 'null'],
  share: ['number', 'null'],
  ratio: ['number', 'null'],
  days: ['number', 'null'],
  rate_per_100k: ['number', 'null'],
  probability: ['number', 'null'],
  flag: ['boolean', 'null'],
};

/** The metric's response schema: the general shape, its name, its columns and their value types. */
function metricResponseSchema(e: CatalogueEntry): SchemaObject {
  const columns = e.columns.map((c) => c.name);
  const cells = Object.fromEntries(
    e.columns.map((c) => [c.name, { type: VALUE_TYPES[c.kind], description: `${c.label.en} (${c.kind})`, ...(c.values ? { enum: [...c.values, null] } : {}) }]),
  );
  return {
    title: `${e.name} response`,
    allOf: [
      ref('MetricResponseDto'),
      {
        type: 'object',
        properties: {
          metric: { type: 'string', enum: [e.name] },
          columns: { type: 'array', items: { type: 'object', properties: { name: { type: 'string', enum: columns } } } },
          rows: { type: 'array', items: { type: 'object', propertyNames: { enum: columns }, properties: cells } as unknown as SchemaObject },
          params: (e.params.length > 0 ? { type: 'object', propertyNames: { enum: e.params.map((p) => p.name) } } : { type: 'object', maxProperties: 0 }) as SchemaObject,
        },
      },
    ],
  };
}

function metricContent(schema: SchemaObject | ReferenceObject): ResponseObject['content'] {
  return {
    'application/json': { schema },
    'text/csv': { schema: { type: 'string', description: 'UTF-8 with BOM; header row of column names; suppressed values are x' } },
    [ARROW_STREAM_TYPE]: {
      schema: { type: 'string', format: 'binary', description: 'Arrow IPC stream; suppressed values are null, the schema metadata carries the response description' },
    },
  };
}

const FILTER_SCHEMAS: Record<keyof typeof FILTER_CODES, string> = { phenomenon: 'Phenomenon', receiving_party: 'ReceivingParty', source: 'Source' };

/** Completes GET /metrics/{name} and adds one documented route per metric of the registry. */
function addMetricRoutes(doc: OpenAPIObject): void {
  const entries = METRICS.map(catalogueEntry);
  const schemas = (doc.components!.schemas ??= {});
  for (const [key, name] of Object.entries(FILTER_SCHEMAS)) {
    schemas[name] = { type: 'string', enum: [...FILTER_CODES[key as keyof typeof FILTER_CODES]], description: `contract code list ${key}` };
  }
  const generic = doc.paths[METRIC_ROUTE]?.get;
  if (!generic) throw new Error(`OpenAPI: ${METRIC_ROUTE} is not among the scanned routes`);
  const nameParam = (generic.parameters ?? []).find((p) => 'name' in p && p.name === 'name') as ParameterObject | undefined;
  if (nameParam) nameParam.schema = { type: 'string', enum: entries.map((e) => e.name) };
  generic.parameters = [...(nameParam ? [nameParam] : []), ...metricParameters(entries, true)];
  generic.responses['200'] = { description: 'The metric after disclosure control', content: metricContent(ref('MetricResponseDto')) };

  for (const e of entries) {
    const schemaName = `MetricResponse_${e.name}`;
    schemas[schemaName] = metricResponseSchema(e);
    const paramNote = e.params.length ? ` Parameters: ${e.params.map((p) => `${p.name} = ${p.values.join(' | ')} (default ${p.default})`).join('; ')}.` : '';
    const op: OperationObject = {
      operationId: `metric_${e.name}`,
      tags: ['metrics'],
      summary: `${e.label.en} (${e.name})`,
      description: `${e.description.en}\n\nOne row per ${e.grain}; counts ${e.unit}. Roles: ${e.roles.join(', ')}.${paramNote}\n\nDisclosure: ${e.disclosure.description.en}`,
      parameters: metricParameters([e], false),
      responses: {
        '200': { description: `${e.label.en} after disclosure control`, content: metricContent(ref(schemaName)) },
        ...errorResponses(400, 403, 503),
      },
      security: generic.security,
    };
    doc.paths[`/api/v1/metrics/${e.name}`] = { get: op };
  }
}

/* ---------------------------------------------------------------- every operation */

const RESPONSE_NAMES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  411: 'LengthRequired',
  413: 'PayloadTooLarge',
  429: 'TooManyRequests',
  503: 'ServiceUnavailable',
};

function errorResponses(...statuses: number[]): Record<string, ResponseObject | ReferenceObject> {
  return Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/${RESPONSE_NAMES[s]}` }]));
}

/** One shared response per error status (all in the error shape). */
function addErrorResponses(doc: OpenAPIObject): void {
  doc.components!.responses = Object.fromEntries(
    Object.entries(RESPONSE_NAMES).map(([status, name]) => [name, { description: ERROR_MEANING[Number(status)], content: { 'application/json': { schema: ref('ApiErrorDto') } } }]),
  );
}

/** Is this Nest's inline error response from @ApiErrors? */
function isErrorResponse(r: ResponseObject | ReferenceObject | undefined): boolean {
  if (!r || '$ref' in r) return false;
  const schema = r.content?.['application/json']?.schema;
  return schema !== undefined && '$ref' in schema && schema.$ref === ref('ApiErrorDto').$ref;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** 401 and security on the routes that need credentials, 429 on all, 503 where a store may not answer. */
function completeOperations(doc: OpenAPIObject, oidc: boolean): void {
  for (const item of Object.values(doc.paths)) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      const secured = (op.security ?? []).length > 0;
      op.security = secured ? [{ bearer: [] }, ...(oidc ? [{ oidc: [] }] : [])] : [];
      const extra = [...(secured ? [401] : []), 429].filter((s) => !op.responses[String(s)]);
      Object.assign(op.responses, errorResponses(...extra));
      for (const [status, r] of Object.entries(op.responses)) if (isErrorResponse(r)) Object.assign(op.responses, errorResponses(Number(status)));
      op.responses = Object.fromEntries(Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
}

/* ---------------------------------------------------------------- OpenAPI 3.0 -> 3.1 schemas */

function forEachInlineSchema(doc: OpenAPIObject, fn: (s: SchemaObject) => void): void {
  for (const item of Object.values(doc.paths)) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      for (const p of op.parameters ?? []) if ('schema' in p && p.schema) fn(p.schema as SchemaObject);
      const body = op.requestBody;
      if (body && 'content' in body) for (const c of Object.values(body.content)) if (c.schema) fn(c.schema as SchemaObject);
      for (const r of Object.values(op.responses)) {
        if (r && 'content' in r && r.content) for (const c of Object.values(r.content)) if (c.schema) fn(c.schema as SchemaObject);
      }
    }
  }
}

type Schema = SchemaObject & Record<string, unknown>;

/**
 * In place: `nullable: true` becomes a `null` type (or a oneOf with null for a reference), and
 * an object schema with properties and no say on others is closed.
 */
export function to31(schema: SchemaObject | ReferenceObject, constraint = false): void {
  if (!schema || typeof schema !== 'object' || '$ref' in schema) return;
  const s = schema as Schema;
  for (const key of ['items', 'additionalProperties', 'not', 'propertyNames'] as const) {
    const sub = s[key];
    if (sub && typeof sub === 'object') to31(sub as SchemaObject, constraint);
  }
  // allOf parts only add constraints to a closed base: they are not closed themselves.
  for (const sub of (s.allOf as SchemaObject[] | undefined) ?? []) to31(sub, true);
  for (const key of ['oneOf', 'anyOf'] as const) for (const sub of (s[key] as SchemaObject[] | undefined) ?? []) to31(sub, constraint);
  if (s.properties) {
    for (const [name, sub] of Object.entries(s.properties)) {
      const p = sub as Schema;
      // Nest wraps a referenced class with options in allOf; a nullable one becomes oneOf [ref, null].
      if (p.nullable && Array.isArray(p.allOf) && p.allOf.length === 1) {
        const { allOf, nullable: _n, type: _t, ...rest } = p;
        s.properties[name] = { ...rest, oneOf: [allOf[0], { type: 'null' }] } as SchemaObject;
      } else to31(p, constraint);
    }
    if (s.additionalProperties === undefined && !constraint) s.additionalProperties = false;
  }
  if (s.nullable) {
    delete s.nullable;
    if (s.type) s.type = [...(Array.isArray(s.type) ? s.type : [s.type]), 'null'] as unknown as SchemaObject['type'];
    if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
  }
}
