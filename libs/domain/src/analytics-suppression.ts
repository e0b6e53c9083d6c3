/**
 * Small-cell suppression for everything an analyst sees (domain.md "Analysts"): a count of fewer than
 * MIN_CELL_PATIENTS patients is never shown, and neither is any cell that could be worked out from
 * what is shown — e.g. by subtracting the other cells of a row from its total (complementary suppression).
 */
export const MIN_CELL_PATIENTS = 11;

export interface Suppressed {
  suppressed: true;
}
export const SUPPRESSED: Suppressed = Object.freeze({ suppressed: true as const });
export type Shown<T> = T | Suppressed;

export function isSuppressed(value: unknown): value is Suppressed {
  return typeof value === 'object' && value !== null && (value as Suppressed).suppressed === true;
}

/** A patient count as shown: the number, or suppressed below the threshold. */
export function shownCount(n: number): Shown<number> {
  return n < MIN_CELL_PATIENTS ? SUPPRESSED : n;
}

/**
 * One line of cells that add up to a shown total. Primary suppression hides every cell (and the total)
 * below the threshold; then secondary suppression hides the smallest shown cells until no hidden cell can
 * be recovered by subtraction (see protectLine).
 */
export function suppressLine(counts: readonly number[]): { hidden: boolean[]; totalHidden: boolean } {
  const values = [...counts, counts.reduce((sum, n) => sum + n, 0)];
  const hidden = values.map((n) => n < MIN_CELL_PATIENTS);
  protectLine(values, hidden);
  return { hidden: hidden.slice(0, -1), totalHidden: hidden[hidden.length - 1] };
}

/**
 * A line is cells followed by their total (the last value). Hides more of it, in place, until:
 * no single value is hidden alone (it would equal the total minus the others, or the sum of the cells);
 * and, when the total is shown, the hidden cells together hold at least the threshold (their sum is
 * itself an aggregate anyone can compute). Returns whether it hid anything.
 */
export function protectLine(values: readonly number[], hidden: boolean[]): boolean {
  const last = values.length - 1;
  let changed = false;
  for (;;) {
    const hiddenCount = hidden.filter(Boolean).length;
    if (hiddenCount === 0 || hiddenCount === values.length) return changed;
    const hiddenCellSum = values.reduce((sum, n, i) => (i !== last && hidden[i] ? sum + n : sum), 0);
    const safe = hiddenCount >= 2 && (hidden[last] || hiddenCellSum >= MIN_CELL_PATIENTS);
    if (safe) return changed;
    // The smallest shown cell: hiding it costs the least information; the total only when no cell is left.
    let pick = -1;
    for (let i = 0; i < last; i++) if (!hidden[i] && (pick < 0 || values[i] < values[pick])) pick = i;
    hidden[pick < 0 ? last : pick] = true;
    changed = true;
  }
}

/**
 * A two-way table shown with its row totals, column totals and grand total. Seen as a grid with the
 * totals as an extra row and column, every row and column of the grid is a line (cells + total).
 * Primary suppression of small values, then protectLine over all lines until nothing changes — hiding
 * a cell for its row may expose it through its column, hence the loop (it ends: cells only get hidden).
 */
export function suppressTable(cells: readonly (readonly number[])[]): {
  hidden: boolean[][];
  rowTotalHidden: boolean[];
  columnTotalHidden: boolean[];
  grandTotalHidden: boolean;
} {
  const rows = cells.length;
  const columns = rows > 0 ? cells[0].length : 0;
  const grid = cells.map((row) => [...row, row.reduce((sum, n) => sum + n, 0)]);
  grid.push(Array.from({ length: columns + 1 }, (_, c) => grid.reduce((sum, row) => sum + row[c], 0)));
  const hidden = grid.map((row) => row.map((n) => n < MIN_CELL_PATIENTS));

  for (let changed = true; changed; ) {
    changed = false;
    for (let r = 0; r <= rows; r++) changed = protectLine(grid[r], hidden[r]) || changed;
    for (let c = 0; c <= columns; c++) {
      const line = hidden.map((row) => row[c]);
      if (protectLine(grid.map((row) => row[c]), line)) {
        line.forEach((h, r) => (hidden[r][c] = h));
        changed = true;
      }
    }
  }
  return {
    hidden: hidden.slice(0, rows).map((row) => row.slice(0, columns)),
    rowTotalHidden: hidden.slice(0, rows).map((row) => row[columns]),
    columnTotalHidden: hidden[rows].slice(0, columns),
    grandTotalHidden: hidden[rows][columns],
  };
}
