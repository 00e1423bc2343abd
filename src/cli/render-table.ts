import { terminalLine, textWidth, truncate } from './terminal-text.ts';

export interface Column<Row> {
  header: string;
  /** The cell text; text from BMS is cleaned of control characters here. */
  cell: (row: Row) => string | number | null | undefined;
  /** The column that gives up width when the table is wider than the terminal, like a title. */
  flexible?: boolean;
}

const GAP = '  ';
/** A flexible column never shrinks below this many characters. */
const MIN_FLEXIBLE_WIDTH = 12;

/**
 * Lays rows out in aligned columns under upper-case headers. With `maxWidth` (the terminal's
 * width), the flexible column is shortened so that each row fits on one line.
 */
export function renderTable<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  maxWidth?: number,
): string {
  const cells = rows.map((row) => columns.map((column) => terminalLine(String(column.cell(row) ?? ''))));
  const headers = columns.map((column) => column.header.toUpperCase());
  const widths = columns.map((_column, index) =>
    Math.max(textWidth(headers[index] ?? ''), ...cells.map((row) => textWidth(row[index] ?? ''))),
  );

  const flexibleIndex = columns.findIndex((column) => column.flexible);
  if (maxWidth !== undefined && flexibleIndex >= 0) {
    const total = widths.reduce((sum, width) => sum + width, 0) + GAP.length * (columns.length - 1);
    const excess = total - maxWidth;
    const current = widths[flexibleIndex] ?? 0;
    if (excess > 0) widths[flexibleIndex] = Math.max(MIN_FLEXIBLE_WIDTH, current - excess);
  }

  const formatRow = (row: readonly string[]) =>
    row
      .map((text, index) => {
        const width = widths[index] ?? 0;
        const shown = truncate(text, width);
        return index === row.length - 1 ? shown : shown + ' '.repeat(width - textWidth(shown));
      })
      .join(GAP)
      .trimEnd();

  return [formatRow(headers), ...cells.map(formatRow)].join('\n');
}

/** Lays out `label: value` lines with the values aligned; empty values show as a dash. */
export function renderFields(
  fields: readonly [label: string, value: string | number | null | undefined][],
): string {
  const width = Math.max(...fields.map(([label]) => textWidth(label))) + 1;
  return fields
    .map(([label, value]) => {
      const text = terminalLine(value === null || value === undefined ? '' : String(value));
      return `${`${label}:`.padEnd(width + 1)}${text === '' ? '-' : text}`;
    })
    .join('\n');
}
