/** Progress on stderr: a redrawn bar on a TTY, plain lines otherwise (logs, CI). */
export class Progress {
  private readonly tty: boolean;
  private lastLine = '';
  private lastDraw = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.tty = !!stream.isTTY;
  }

  /** `done`/`total` may be null when only a message is known. */
  update(message: string, done: number | null = null, total: number | null = null): void {
    if (!this.tty) {
      const line = done !== null && total ? `[${done}/${total}] ${message}` : message;
      if (line !== this.lastLine) this.stream.write(line + '\n');
      this.lastLine = line;
      return;
    }
    const now = Date.now();
    if (now - this.lastDraw < 80 && done !== total) return;
    this.lastDraw = now;
    const width = 30;
    const frac = done !== null && total ? Math.min(1, done / total) : null;
    const bar = frac === null ? '' : `[${'#'.repeat(Math.round(frac * width)).padEnd(width, '.')}] ${String(Math.round(frac * 100)).padStart(3)}% `;
    const cols = this.stream.columns || 100;
    this.stream.write(`\r\x1b[2K${(bar + message).slice(0, cols - 1)}`);
  }

  done(message?: string): void {
    if (this.tty) this.stream.write('\r\x1b[2K');
    if (message) this.stream.write(message + '\n');
  }
}
