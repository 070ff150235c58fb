import { SingleBar } from 'cli-progress';

export interface ProgressReporter {
  update(done: number, total: number, label: string): void;
  stop(): void;
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/**
 * A bar with count, rate and ETA on a terminal; on a pipe or in a log, one plain line every `intervalMs` instead
 * (a bar's carriage returns would fill the log with garbage).
 */
export function createProgress(
  stream: NodeJS.WriteStream | NodeJS.WritableStream = process.stderr,
  options: { intervalMs?: number; now?: () => number; tty?: boolean; what?: string } = {},
): ProgressReporter {
  const now = options.now ?? Date.now;
  const started = now();
  const tty = options.tty ?? ('isTTY' in stream && stream.isTTY === true);
  if (tty) {
    const bar = new SingleBar({
      stream: stream as NodeJS.WriteStream,
      format: '{bar} {value}/{total} | {rate}/s | ETA {eta_formatted} | {label}',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    });
    let startedBar = false;
    return {
      update(done, total, label) {
        const rate = (done / Math.max((now() - started) / 1000, 0.001)).toFixed(1);
        if (!startedBar) {
          bar.start(total, 0, { rate, label });
          startedBar = true;
        }
        bar.setTotal(total);
        bar.update(done, { rate, label: label.length > 40 ? `…${label.slice(-39)}` : label });
      },
      stop() {
        if (startedBar) bar.stop();
        startedBar = false;
      },
    };
  }
  const interval = options.intervalMs ?? 2000;
  let last = started;
  let printed = false;
  /** The count the last line showed: the closing line is not printed when it would say the same. */
  let shown = -1;
  let latest = { done: 0, total: 0 };
  const line = () => {
    shown = latest.done;
    const elapsed = Math.max((now() - started) / 1000, 0.001);
    const rate = latest.done / elapsed;
    const eta = rate > 0 ? (latest.total - latest.done) / rate : Number.POSITIVE_INFINITY;
    stream.write(
      `${options.what ?? 'import'}: ${latest.done}/${latest.total} (${rate.toFixed(1)}/s, ETA ${formatSeconds(eta)})\n`,
    );
    printed = true;
  };
  return {
    update(done, total) {
      latest = { done, total };
      if (now() - last >= interval) {
        last = now();
        line();
      }
    },
    stop() {
      if (printed && latest.done > 0 && latest.done !== shown) line();
      printed = false;
    },
  };
}
