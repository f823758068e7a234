/**
 * Shared by bench:api and bench:scale: the API (createApp, rate limit off) under load from
 * concurrent HTTP clients in a worker thread (loopback, keep-alive), with request latency
 * percentiles per path.
 */
import { createApp, loadConfig } from '@weegwijzer/api';
import { sendControl } from '@weegwijzer/store';
import { Worker } from 'node:worker_threads';
import { log } from './synthetic-snapshot';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
}
export function stats(samples: number[], seconds: number): Stats {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), perSecond: s.length / seconds };
}

/**
 * The HTTP clients run in a worker thread, so that receiving and parsing responses does not
 * compete with the server for the main event loop (they still share the machine's cores).
 * Each path is requested once first (warm-up), then the clients go round-robin over them.
 */
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { Agent, request } = require('node:http');
const { host, port, token, paths, clients, seconds } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: clients });
const get = (path) => new Promise((resolve, reject) => {
  const req = request({ host, port, path, agent, headers: { authorization: 'Bearer ' + token } }, (res) => {
    let bytes = 0;
    res.on('data', (d) => (bytes += d.length));
    res.on('end', () => resolve({ status: res.statusCode, bytes }));
    res.on('error', reject);
  });
  req.on('error', reject);
  req.end();
});
(async () => {
  for (const p of paths) await get(p);
  const samples = paths.map(() => []);
  let errors = 0, bytes = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    for (let i = c; Date.now() < end; i++) {
      const j = i % paths.length;
      const t = performance.now();
      try {
        const r = await get(paths[j]);
        if (r.status !== 200) errors++;
        bytes += r.bytes;
      } catch { errors++; }
      samples[j].push(performance.now() - t);
    }
  }));
  agent.destroy();
  parentPort.postMessage({ samples, errors, bytes });
})();
`;

export interface ApiRun {
  label: string;
  /** Per path, in the order given. */
  perPath: Stats[];
  /** Every request together. */
  all: Stats;
  errors: number;
  total: number;
  bytes: number;
  seconds: number;
}

async function load(url: URL, token: string, paths: readonly string[], clients: number, seconds: number): Promise<Omit<ApiRun, 'label'>> {
  const worker = new Worker(LOAD_WORKER, { eval: true, execArgv: [], workerData: { host: url.hostname, port: Number(url.port), token, paths, clients, seconds } });
  const result = await new Promise<{ samples: number[][]; errors: number; bytes: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const total = result.samples.reduce((a, s) => a + s.length, 0);
  return {
    perPath: result.samples.map((s) => stats(s, seconds)),
    all: stats(result.samples.flat(), seconds),
    errors: result.errors,
    total,
    bytes: result.bytes,
    seconds,
  };
}

export interface ApiLoadOptions {
  dataDir: string;
  /** WEEGWIJZER_METRIC_CACHE: 0 computes every request. */
  metricCache: number;
  label: string;
  paths: readonly string[];
  clients: number;
  seconds: number;
  /** More configuration (environment variables) for the API. */
  env?: Record<string, string>;
}

/** Starts the API on the data dir, creates an inspectie token and loads it; the app is closed afterwards. */
export async function runApi(o: ApiLoadOptions): Promise<ApiRun> {
  const app = await createApp(
    loadConfig({ WEEGWIJZER_DATA_DIR: o.dataDir, PORT: '0', RATE_LIMIT: '0', LOG_LEVEL: 'error', WEEGWIJZER_METRIC_CACHE: String(o.metricCache), ...o.env }, []),
  );
  try {
    const { token } = await sendControl<{ token: string }>(o.dataDir, 'token.create', { role: 'inspectie', name: `bench ${o.label}` });
    log(`API (${o.label}): ${o.clients} concurrent clients for ${o.seconds} s on ${app.url}`);
    return { label: o.label, ...(await load(new URL(app.url), token, o.paths, o.clients, o.seconds)) };
  } finally {
    await app.close();
  }
}
