/**
 * Progress for long work on the console: a bar redrawn in place on a TTY, plain lines (at most
 * one per 10 %) otherwise.
 */
export type ProgressFn = (stage: string, done: number, total: number, label?: string) => void;

export function progressPrinter(stream: NodeJS.WriteStream): ProgressFn {
  const tty = Boolean(stream.isTTY);
  let lastStage = '';
  let lastTenth = -1;
  return (stage, done, total, label = '') => {
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    if (tty) {
      const width = 30;
      const filled = Math.round(frac * width);
      const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
      stream.write(`\r${stage} [${bar}] ${done}/${total} ${label.slice(0, 30).padEnd(30)}`);
      if (done >= total) stream.write('\n');
      return;
    }
    const tenth = Math.floor(frac * 10);
    if (stage !== lastStage || tenth !== lastTenth) {
      stream.write(`${stage}: ${done}/${total} (${Math.round(frac * 100)} %)\n`);
      lastStage = stage;
      lastTenth = tenth;
    }
  };
}
