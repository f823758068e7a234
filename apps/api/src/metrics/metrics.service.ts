import { ForbiddenException, Inject, Injectable, NotFoundException, StreamableFile } from '@nestjs/common';
import { ROLES } from '@weegwijzer/contract';
import { catalogue, findMetric, runMetric, toCsv, type CatalogueEntry, type MetricReference, type MetricResponse } from '@weegwijzer/metrics';
import type { Principal } from '../auth/principal';
import { assertRegionAccess } from '../auth/region-access';
import { APP_CONFIG } from '../app/tokens';
import type { AppConfig } from '../config/app-config';
import { RegistryService } from '../registry/registry.service';
import { ARROW_STREAM_TYPE, metricToArrowIpc } from './arrow-format';
import { MetricCache } from './metric-cache';
import { negotiateFormat, parseMetricQuery, type ParsedMetricQuery } from './metric-query';
import { MetricsRepository } from './metrics.repository';

/** The result of a metric request in the negotiated format. */
export interface MetricOutput {
  format: 'json' | 'csv' | 'arrow';
  body: StreamableFile;
}

/** Rendered JSON per response object: a cached result is serialised once, not per request. */
const renderedJson = new WeakMap<MetricResponse, Buffer>();

function jsonOf(response: MetricResponse): Buffer {
  let buf = renderedJson.get(response);
  if (!buf) {
    buf = Buffer.from(JSON.stringify(response), 'utf8');
    renderedJson.set(response, buf);
  }
  return buf;
}

@Injectable()
export class MetricsService {
  private readonly cache: MetricCache<MetricResponse>;

  constructor(
    private readonly repo: MetricsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: RegistryService,
  ) {
    this.cache = new MetricCache(config.metricCacheEntries);
  }

  catalogue(p: Principal): CatalogueEntry[] {
    return this.entriesOf(p.role);
  }

  /** The catalogue of a role, built once (the definitions do not change while the process runs): every request looks its metric up here. */
  private readonly entries = new Map<Principal['role'], CatalogueEntry[]>();

  private entriesOf(role: Principal['role']): CatalogueEntry[] {
    let list = this.entries.get(role);
    if (!list) this.entries.set(role, (list = catalogue(role)));
    return list;
  }

  /** Which query parameters the audit log may record for this metric (scope, filters, its params). */
  auditParamsOf(name: string, q: Record<string, unknown>): Record<string, unknown> {
    const entry = this.findAnywhere(name);
    if (!entry) return {};
    const keys = new Set([...entry.filters, ...entry.params.map((x) => x.name)]);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(q)) if (keys.has(k) && typeof v === 'string') out[k] = v.slice(0, 200);
    return out;
  }

  async run(p: Principal, name: string, rawQuery: Record<string, unknown>, accept: string | undefined): Promise<MetricOutput> {
    const entry = this.entriesOf(p.role).find((m) => m.name === name);
    if (!entry) {
      if (this.findAnywhere(name)) throw new ForbiddenException(`metric ${name} is not available to role ${p.role}`);
      throw new NotFoundException(`no metric named ${JSON.stringify(name.slice(0, 60))}; GET /api/v1/metrics lists them`);
    }
    if (p.role === 'regio' && typeof rawQuery.regions === 'string') {
      for (const r of rawQuery.regions
        .split(',')
        .map((x) => x.trim().toUpperCase())
        .filter((x) => x !== ''))
        assertRegionAccess(p, r, 'query');
    }
    const q = parseMetricQuery(name, rawQuery, { role: p.role, region: p.region ?? undefined, k: this.config.k });
    const response = await this.compute(p, name, q);
    const format = negotiateFormat(q.format, accept);
    if (format === 'json') {
      const json = jsonOf(response);
      return { format, body: new StreamableFile(json, { type: 'application/json; charset=utf-8', length: json.length }) };
    }
    if (format === 'csv') {
      const csv = Buffer.from(toCsv(response, { sep: q.sep, bom: true }), 'utf8');
      return { format, body: new StreamableFile(csv, { type: 'text/csv; charset=utf-8', length: csv.length, disposition: `attachment; filename="${name}.csv"` }) };
    }
    const ipc = Buffer.from(metricToArrowIpc(response));
    return { format, body: new StreamableFile(ipc, { type: ARROW_STREAM_TYPE, length: ipc.length, disposition: `attachment; filename="${name}.arrows"` }) };
  }

  /** A metric for a caller as JSON (the Atom feed renders it). */
  async response(p: Principal, name: string, rawQuery: Record<string, unknown>): Promise<MetricResponse> {
    const q = parseMetricQuery(name, rawQuery, { role: p.role, region: p.region ?? undefined, k: this.config.k });
    return this.compute(p, name, q);
  }

  /** When the served snapshot was built (ISO time). */
  snapshotBuiltAt(): Promise<string> {
    return this.repo.builtAt();
  }

  /** Reference data from the operational store that the metric reads (flow: FTE from the region registry). */
  private async referenceFor(name: string): Promise<MetricReference | undefined> {
    const wanted = findMetric(name).references ?? [];
    if (!wanted.includes('fte')) return undefined;
    return { fte: await this.registry.fteByRegion() };
  }

  /** Library errors (bad parameters, no snapshot yet) go up to ApiExceptionFilter, which gives them their status. */
  private async compute(p: Principal, name: string, q: ParsedMetricQuery): Promise<MetricResponse> {
    const reference = await this.referenceFor(name);
    const request = reference ? { ...q.request, reference } : q.request;
    if (!this.cache.enabled) return runMetric(name, request, this.repo.query);
    const snapshot = await this.repo.snapshotId();
    // the reference is part of the key: a registry edit gives a fresh result
    const params = { ...(request.params ?? {}), ...(reference ? { __reference: JSON.stringify(reference) } : {}) };
    return this.cache.get({ snapshot, role: p.role, region: p.region, k: this.config.k, metric: name, scope: request.scope, params }, () =>
      runMetric(name, request, this.repo.query),
    );
  }

  private findAnywhere(name: string): CatalogueEntry | undefined {
    for (const role of ROLES) {
      const hit = this.entriesOf(role).find((m) => m.name === name);
      if (hit) return hit;
    }
    return undefined;
  }
}
