/**
 * A command line was called wrongly (unknown command or option, a missing or malformed
 * argument). The project's CLIs (etl, admin, metrics) print its message with their usage text.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
