/**
 * The ETL command line with a crash hook, for the crash tests only:
 *
 *   crash-cli.ts <point> <command> [args...]
 *
 * runs the CLI's main() and SIGKILLs this process when the ingest or purge reaches <point>
 * (see IngestorOptions.reached for the names). The production bin, etl/src/cli.ts, passes no
 * hook and reads no crash setting, so no environment can make it stop half-way.
 */
import { main } from '../../../etl/src/cli';

const [point, ...args] = process.argv.slice(2);
if (!point) {
  console.error('usage: crash-cli.ts <point> <command> [args...]');
  process.exit(64);
}
main(args, process.env, {
  reached: (p) => {
    if (p === point) process.kill(process.pid, 'SIGKILL');
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e);
    process.exitCode = 1;
  },
);
