import { ConfigError, loadConfig } from '../config/app-config';
import { JsonLogger } from '../common/json-logger';
import { createApp, DataDirBusyError, PortInUseError, type ApiApp } from './create-app';
import { progressPrinter } from '../common/progress';

/**
 * The process entry: config, app, console output, signals. Returns a non-zero exit code when
 * it could not start (0 once it runs; the process then ends on a signal).
 */
export async function bootstrap(argv: readonly string[], env: Record<string, string | undefined>): Promise<number> {
  let app: ApiApp;
  try {
    const config = loadConfig(env, argv);
    const logger = new JsonLogger(config.logLevel);
    const progress = progressPrinter(process.stderr);
    app = await createApp(config, {
      logger,
      onDemoProgress: (stage, done, total, label) => progress(stage === 'generate' ? 'Generating demo data' : 'Ingesting demo data', done, total, label),
    });
  } catch (e) {
    if (e instanceof ConfigError || e instanceof DataDirBusyError || e instanceof PortInUseError) {
      process.stderr.write(`weegwijzer: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`weegwijzer: could not start: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }

  const out = process.stdout;
  out.write(`\nWeegwijzer listens on ${app.url}  (dashboard: ${app.url}/, API docs: ${app.url}/api/docs)\n`);
  if (app.demoSessions.length > 0) {
    out.write('\nDemo tokens (new on every start; also offered by the role picker):\n');
    for (const s of app.demoSessions) out.write(`  ${s.label.padEnd(34)} ${s.role.padEnd(10)} ${s.token}\n`);
    out.write(`\nTry: curl -H "Authorization: Bearer ${app.demoSessions[0].token}" ${app.url}/api/v1/metrics/flow\n`);
  }
  out.write('\nStop with Ctrl+C.\n');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      process.stderr.write(`weegwijzer: ${signal} again, exiting now\n`);
      process.exit(130);
    }
    stopping = true;
    process.stderr.write(`weegwijzer: ${signal}: finishing in-flight requests and closing the stores\n`);
    app.close().then(
      () => process.exit(0),
      (e: Error) => {
        process.stderr.write(`weegwijzer: error while shutting down: ${e.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return 0;
}
