import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from '../config/app-config';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * Structured logs: one JSON object per line on stdout (errors on stderr). Never given a token,
 * a request body or a metric value — callers pass only what they mean to log.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly out: (line: string, isError: boolean) => void = (line, isError) => (isError ? process.stderr : process.stdout).write(line + '\n'),
  ) {}

  write(level: Exclude<LogLevel, 'silent'>, fields: Record<string, unknown>): void {
    if (ORDER[level] < ORDER[this.level]) return;
    this.out(JSON.stringify({ time: new Date().toISOString(), level, ...fields }), level === 'error');
  }

  log(message: unknown, context?: string): void {
    this.write('info', { context: ctx(context), msg: text(message) });
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    this.write('error', { context: ctx(context ?? stackOrContext), msg: text(message) });
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', { context: ctx(context), msg: text(message) });
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', { context: ctx(context), msg: text(message) });
  }
  verbose(message: unknown, context?: string): void {
    this.write('debug', { context: ctx(context), msg: text(message) });
  }
}

function ctx(c: unknown): string | undefined {
  return typeof c === 'string' ? c : undefined;
}
function text(m: unknown): string {
  if (m instanceof Error) return m.message;
  return typeof m === 'string' ? m : JSON.stringify(m);
}
