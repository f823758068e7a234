/**
 * `npm start` (with --demo) and `npm run serve`: the API as a process. Reads the configuration
 * (a bad value stops here with a message naming it), builds the app around the data
 * directory, prints where it listens (and the demo tokens), and shuts down gracefully on
 * SIGINT/SIGTERM: stop accepting, finish in-flight requests and ingests, close DuckDB and the
 * operational store, release the data directory.
 */
import { bootstrap } from './app/bootstrap';

void bootstrap(process.argv.slice(2), process.env).then((code) => {
  if (code !== 0) process.exit(code);
});
