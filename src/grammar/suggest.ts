/**
 * Edit distance with adjacent transpositions counted as one edit (optimal string alignment),
 * so that "tikcets" is as close to "tickets" as "tikets" is.
 */
export function editDistance(left: string, right: string): number {
  const rows = left.length + 1;
  const columns = right.length + 1;
  // Row 0 and column 0 hold the cost of building a prefix from nothing: one insertion per character.
  const distances: number[][] = Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
  for (let row = 0; row < rows; row += 1) (distances[row] as number[])[0] = row;
  for (let column = 0; column < columns; column += 1) (distances[0] as number[])[column] = column;
  const at = (row: number, column: number): number => distances[row]?.[column] ?? Number.POSITIVE_INFINITY;

  for (let row = 1; row < rows; row += 1) {
    for (let column = 1; column < columns; column += 1) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let best = Math.min(at(row - 1, column) + 1, at(row, column - 1) + 1, at(row - 1, column - 1) + cost);
      if (
        row > 1 &&
        column > 1 &&
        left[row - 1] === right[column - 2] &&
        left[row - 2] === right[column - 1]
      ) {
        best = Math.min(best, at(row - 2, column - 2) + 1);
      }
      const cells = distances[row];
      if (cells) cells[column] = best;
    }
  }
  return at(rows - 1, columns - 1);
}

/** Edits tolerated for a word of this length: one for short words, up to three for long ones. */
function tolerance(length: number): number {
  if (length <= 4) return 1;
  if (length <= 8) return 2;
  return 3;
}

/**
 * Returns the candidates closest to `word`: those it starts (at least two letters), then those
 * fewest edits away, within a tolerance. Empty when nothing is close.
 */
export function closestWords(word: string, candidates: readonly string[], limit = 3): string[] {
  const typed = word.toLowerCase();
  if (typed === '') return [];
  const prefixed = typed.length >= 2 ? candidates.filter((candidate) => candidate.startsWith(typed)) : [];
  const scored = candidates
    .filter((candidate) => !prefixed.includes(candidate))
    .map((candidate) => ({ candidate, distance: editDistance(typed, candidate) }))
    .filter(({ distance }) => distance <= tolerance(typed.length));
  const nearest = Math.min(...scored.map(({ distance }) => distance));
  const near = scored.filter(({ distance }) => distance === nearest).map(({ candidate }) => candidate);
  return [...prefixed, ...near].slice(0, limit);
}

/** "Did you mean ...?" for the closest candidates, or an empty string. */
export function didYouMean(word: string, candidates: readonly string[], prefix = ''): string {
  const closest = closestWords(word, candidates);
  if (closest.length === 0) return '';
  const quoted = closest.map((candidate) => `"${prefix}${candidate}"`);
  const choices = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
  return ` Did you mean ${choices}?`;
}
