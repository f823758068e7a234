/**
 * Builds the whole API around one data directory: takes ownership of it, opens the operational
 * store (running migrations) and the analytic reader, starts Nest with the hardening middleware,
 * seeds the registry, opens the control socket, prepares demo data when asked, and listens.
 * Tests and the browser tests start it on port 0 with a temporary data directory.
 */
import 'reflect-metadata';
import { INestApplication, Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Ingestor, ingestControlHandler, purgeControlHandler } from '@weegwijzer/etl';
import { scheduleRetention } from './retention';
import { acquireOwnership, AnalyticReader, closeOperationalStore, ControlServer, DataDirOwnedError, openOperationalStore, type Ownership } from '@weegwijzer/store';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { auditClientErrors, requestAuditMiddleware } from '../audit/request-audit.middleware';
import { AuditService } from '../audit/audit.service';
import { AuthenticationMiddleware } from '../auth/authentication.middleware';
import { TokenService } from '../auth/token.service';
import { BatchesService } from '../batches/batches.service';
import { removeOrphanedUploads } from '../batches/upload.storage';
import { JsonLogger } from '../common/json-logger';
import { ApiExceptionFilter } from '../common/api-exception.filter';
import { findJsonBodyProblem } from '../common/json-body.check';
import type { ApiRequestState } from '../auth/principal';
import { describeConfig, type AppConfig } from '../config/app-config';
import { registerAuditHandlers, registerTokenHandlers } from '../control/token-control.handlers';
import { registerBackupHandler } from '../ops/backup-control.handlers';
import { opsMetrics } from '../ops/prometheus.registry';
import { DemoService, type DemoProgress, type DemoSessionDto } from '../demo/demo.service';
import { buildOpenApiDocument } from '../openapi/openapi.document';
import { RegistryService } from '../registry/registry.service';
import { AppModule } from './app.module';
import type { DataSource } from 'typeorm';

export interface CreateAppOptions {
  /** Where logs go; default a JsonLogger at the configured level on stdout. */
  logger?: JsonLogger;
  /** Progress of the demo data preparation. */
  onDemoProgress?: DemoProgress;
}

export interface ApiApp {
  readonly config: AppConfig;
  /** `http://host:port` the API listens on. */
  readonly url: string;
  readonly port: number;
  readonly nest: INestApplication;
  /** The operational store (for tests and tools that need to look at it directly). */
  readonly store: DataSource;
  /** Resolves once every audit row recorded so far is written (each response already waits for its own). */
  flushAudit(): Promise<void>;
  /** Waits until every queued batch ingest has finished. */
  ingestsIdle(): Promise<void>;
  /** Demo tokens (demo mode only; otherwise empty). */
  readonly demoSessions: DemoSessionDto[];
  /** Stops accepting, finishes in-flight requests and ingests, closes the stores, releases the data dir. */
  close(): Promise<void>;
}

export class DataDirBusyError extends Error {
  constructor(cause: DataDirOwnedError) {
    super(
      `${cause.message}. Another Weegwijzer process (an API or a command line) is using this data directory: ` + 'stop it first, or point WEEGWIJZER_DATA_DIR at another folder.',
    );
    this.name = 'DataDirBusyError';
  }
}

const SHUTDOWN_GRACE_MS = 10_000;

export class PortInUseError extends Error {
  constructor(host: string, port: number) {
    super(`port ${port} on ${host} is already in use: stop the process that uses it, or set PORT to another port`);
    this.name = 'PortInUseError';
  }
}

/** Fails fast (before any demo preparation) when the port is taken. */
async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new PortInUseError(host, port) : e));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

export async function createApp(config: AppConfig, opts: CreateAppOptions = {}): Promise<ApiApp> {
  const logger = opts.logger ?? new JsonLogger(config.logLevel);
  await assertPortFree(config.host, config.port);
  let ownership: Ownership;
  try {
    ownership = acquireOwnership(config.dataDir);
  } catch (e) {
    throw e instanceof DataDirOwnedError ? new DataDirBusyError(e) : e;
  }
  let listenUrl = `http://${config.host}:${config.port}`;
  const opened: { store?: DataSource; analytic?: AnalyticReader; ingestor?: Ingestor; control?: ControlServer; nest?: INestApplication } = {};
  const closeAll = async () => {
    await opened.nest?.close().catch((e: Error) => logger.error(`closing the app: ${e.message}`));
    await opened.control?.close().catch(() => undefined);
    await (opened.ingestor as { close?: () => Promise<void> } | undefined)?.close?.().catch(() => undefined);
    await opened.analytic?.close().catch(() => undefined);
    if (opened.store) await closeOperationalStore(opened.store).catch(() => undefined);
    ownership.release();
  };
  try {
    opened.store = await openOperationalStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: config.databaseSchema });
    opened.analytic = new AnalyticReader({ dataDir: config.dataDir });
    opened.ingestor = new Ingestor({
      dataDir: config.dataDir,
      store: opened.store,
      maxRowsPerFile: config.maxBatchRows,
      validationTimeoutMs: config.validationTimeoutMs,
      validationMemoryLimit: config.validationMemoryLimit,
      keyFile: config.ops.keyFile,
      maxDeliveryBytes: config.uploadMaxBytes,
    });
    opsMetrics.instrumentIngestor(opened.ingestor);
    opsMetrics.watchSnapshots(config.dataDir);
    // Start-up recovery after a crash or kill: uploads nobody will ingest, ledger rows left in
    // validating/loading (-> interrupted), half-written batches and snapshots.
    const orphans = removeOrphanedUploads(config.dataDir);
    if (orphans > 0) logger.warn(`removed ${orphans} upload folder(s) left by a previous run`, 'recovery');
    await opened.ingestor.init();
    const nest = await NestFactory.create<NestExpressApplication>(AppModule.register({ config, store: opened.store, analytic: opened.analytic, ingestor: opened.ingestor }), {
      bodyParser: false,
      logger,
      abortOnError: false,
    });
    opened.nest = nest;
    configureHttp(nest, config, logger, () => listenUrl);
    await nest.init();
    await nest.get(RegistryService).seed();

    const tokens = nest.get(TokenService);
    const control = new ControlServer(ownership);
    control.register('ingest', ingestControlHandler(opened.ingestor)).register('purge', purgeControlHandler(opened.ingestor));
    registerTokenHandlers(control, tokens);
    registerBackupHandler(control, { config, store: opened.store, ingestor: opened.ingestor });
    registerAuditHandlers(control, nest.get(AuditService));
    await control.listen();
    opened.control = control;

    let demoSessions: DemoSessionDto[] = [];
    if (config.demo.enabled) {
      const demo = nest.get(DemoService);
      await demo.loadDataIfEmpty(opts.onDemoProgress);
      await opened.analytic.refresh();
      demoSessions = await demo.createTokens();
    }

    const stopRetention = scheduleRetention(config, opened.ingestor, logger);
    await nest.listen(config.port, config.host);
    const server = nest.getHttpServer() as Server;
    auditClientErrors(server, nest.get(AuditService), logger);
    const port = (server.address() as AddressInfo).port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    listenUrl = url;
    new Logger('api').log(`listening on ${url} (${JSON.stringify(describeConfig(config))})`);

    let closing: Promise<void> | undefined;
    return {
      config,
      url,
      port,
      nest,
      store: opened.store,
      flushAudit: () => nest.get(AuditService).flush(),
      ingestsIdle: () => nest.get(BatchesService).idle(),
      demoSessions,
      close: () =>
        (closing ??= (async () => {
          // Stop accepting at once and let in-flight requests finish; idle keep-alive sockets go now.
          stopRetention();
          server.close();
          server.closeIdleConnections();
          const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
          force.unref();
          await nest.get(BatchesService).idle();
          await nest.get(AuditService).flush();
          await closeAll();
          clearTimeout(force);
        })()),
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
}

/** Express-level middleware, in order: audit/log, security headers, CORS, no-store, authentication, body limit, dashboard. */
function configureHttp(app: NestExpressApplication, config: AppConfig, logger: JsonLogger, serverUrl: () => string): void {
  app.set('trust proxy', false);
  // Responses are never cached (no-store), so ETags would only cost a hash of every body.
  app.set('etag', false);
  app.disable('x-powered-by');
  app.use('/api', requestAuditMiddleware(app.get(AuditService), logger));
  app.use('/api', opsMetrics.httpMiddleware());
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          // Served over plain http on loopback by default: do not make browsers upgrade to https.
          upgradeInsecureRequests: null,
        },
      },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins, methods: ['GET', 'PUT', 'POST'], allowedHeaders: ['Authorization', 'Content-Type', 'Accept'], maxAge: 600 });
  }
  app.use('/api', (_req: Request, res: Response, next: NextFunction) => {
    // Data responses are per caller: never stored, never shared between roles.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    res.vary('Authorization');
    next();
  });
  const auth = app.get(AuthenticationMiddleware);
  app.use('/api', (req: Request, res: Response, next: NextFunction) => void auth.use(req, res, next));
  app.use('/api', express.json({ limit: config.bodyLimitBytes }));
  app.use('/api', (req: Request, _res: Response, next: NextFunction) => {
    const problem = findJsonBodyProblem(req.body);
    next(problem ? Object.assign(new Error(`request body: ${problem}`), { status: 400 }) : undefined);
  });
  // Errors raised before Nest's router (body too large, malformed JSON) answered in Nest's shape.
  app.use('/api', (err: Error & { status?: number; statusCode?: number }, req: Request & ApiRequestState, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = err.status ?? err.statusCode ?? 500;
    if (status >= 500) logger.error(`before routing: ${err.message}`);
    res.status(status).json({
      statusCode: status,
      message: status === 413 ? `request body larger than ${config.bodyLimitBytes} bytes` : status < 500 ? err.message : 'Internal server error',
      error: STATUS_CODES[status] ?? 'Error',
      requestId: req.requestId,
    });
  });
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new ApiExceptionFilter(logger));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));

  // Built on first request, when the server's address is known.
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app, { config, serverUrl: serverUrl() }), {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Weegwijzer API',
    swaggerOptions: { validatorUrl: null, defaultModelsExpandDepth: 0 },
  });

  serveDashboard(app, config.dashboardDir);
}

/** The built dashboard at `/` with SPA fallback; without a build, `/` says how to make one. */
function serveDashboard(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  const notApi = (req: Request) => !(req.path === '/api' || req.path.startsWith('/api/'));
  if (existsSync(index)) {
    const statics = express.static(dir, { index: false, maxAge: '1h' });
    app.use((req: Request, res: Response, next: NextFunction) => (notApi(req) ? statics(req, res, next) : next()));
  }
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!notApi(req) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    if (existsSync(index)) {
      res.setHeader('Cache-Control', 'no-cache');
      return res.sendFile(index);
    }
    res
      .status(503)
      .type('text/plain; charset=utf-8')
      .send('The dashboard has not been built. Run `npm run build:dashboard` (or `npm start`), then reload.\nThe API is at /api (documentation: /api/docs).\n');
  });
}
