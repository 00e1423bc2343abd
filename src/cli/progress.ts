/** A one-line status on standard error that rewrites itself, for work that takes seconds. */
export interface Progress {
  update(text: string): void;
  /** Clears the line, so that the output that follows starts clean. */
  done(): void;
}

const SILENT: Progress = { update() {}, done() {} };

/**
 * Returns a progress line on `stream` when it is a terminal, else one that prints nothing, so
 * that logs and pipes never receive carriage returns.
 */
export function createProgress(stream: NodeJS.WriteStream, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY) return SILENT;
  let lineShown = false;
  return {
    update(text) {
      // Carriage return, then "erase line", so that a shorter text leaves nothing behind.
      stream.write(`\r\u001b[2K${text}`);
      lineShown = true;
    },
    done() {
      if (lineShown) stream.write('\r\u001b[2K');
      lineShown = false;
    },
  };
}
