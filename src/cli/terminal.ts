/** The process's streams as the command line uses them; tests of the prompts pass their own. */
export interface Terminal {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** Returns whether a person can answer a question: the standard input and error are both terminals. */
export function canAsk(terminal: Terminal): boolean {
  return Boolean(terminal.stdin.isTTY && terminal.stderr.isTTY);
}

/**
 * Returns the width for tables on standard output, or undefined when it is not a terminal or does not
 * report a width (a pseudo-terminal may report 0): then nothing is cut.
 */
export function outputWidth(terminal: Terminal): number | undefined {
  const columns = terminal.stdout.isTTY ? terminal.stdout.columns : undefined;
  return columns !== undefined && columns > 0 ? columns : undefined;
}
