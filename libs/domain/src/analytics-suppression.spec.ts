import { MIN_CELL_PATIENTS, shownCount, suppressLine, suppressTable } from './analytics-suppression';

describe('shownCount', () => {
  it('should hide 10 patients and show 11', () => {
    expect(shownCount(10)).toEqual({ suppressed: true });
    expect(shownCount(11)).toBe(11);
    expect(MIN_CELL_PATIENTS).toBe(11);
  });
});

describe(suppressLine.name, () => {
  it('should show a line whose cells all hold 11 or more', () => {
    expect(suppressLine([11, 20, 15])).toEqual({ hidden: [false, false, false], totalHidden: false });
  });

  it('should hide a second cell when one small cell could be recovered from the total', () => {
    // 40 shown as total, 5 hidden: 40 − 12 − 23 = 5 would give it away, so 12 goes too.
    expect(suppressLine([12, 5, 23])).toEqual({ hidden: [true, true, false], totalHidden: false });
  });

  it('should keep hiding until the hidden cells together hold 11 or more', () => {
    // 3 + 4 = 7 would itself be a small aggregate; the next smallest (12) joins them.
    expect(suppressLine([3, 4, 12, 30])).toEqual({ hidden: [true, true, true, false], totalHidden: false });
  });

  it('should hide both halves of a responder split when either is small', () => {
    // 25 assessed, 6 responders: showing 19 non-responders would reveal the 6.
    expect(suppressLine([6, 19])).toEqual({ hidden: [true, true], totalHidden: false });
  });

  it('should hide everything when the total is below 11', () => {
    expect(suppressLine([4, 6])).toEqual({ hidden: [true, true], totalHidden: true });
  });

  it('should treat an empty cell like any small cell', () => {
    expect(suppressLine([0, 30, 25])).toEqual({ hidden: [true, false, true], totalHidden: false });
  });
});

describe(suppressTable.name, () => {
  /** Every hidden cell must be unrecoverable: no row or column (with its total) may hide exactly one value. */
  function expectNoLoneHidden(cells: number[][], result: ReturnType<typeof suppressTable>) {
    const grid = result.hidden.map((row, r) => [...row, result.rowTotalHidden[r]]);
    grid.push([...result.columnTotalHidden, result.grandTotalHidden]);
    const lines = [...grid, ...grid[0].map((_, c) => grid.map((row) => row[c]))];
    for (const line of lines) expect(line.filter(Boolean).length).not.toBe(1);
    cells.forEach((row, r) => row.forEach((n, c) => n < 11 && expect(result.hidden[r][c]).toBe(true)));
  }

  it('should show a table of large cells in full', () => {
    const result = suppressTable([[20, 30], [15, 12]]);
    expect(result.hidden).toEqual([[false, false], [false, false]]);
    expect(result.grandTotalHidden).toBe(false);
  });

  it('should protect a small cell through its row and its column', () => {
    const cells = [[5, 30, 20], [25, 40, 12], [14, 18, 22]];
    const result = suppressTable(cells);
    expect(result.hidden[0][0]).toBe(true);
    expectNoLoneHidden(cells, result);
    expect(result.hidden.flat().filter(Boolean).length).toBeGreaterThanOrEqual(4);
  });

  it('should hide a small row total and keep it unrecoverable from the grand total', () => {
    const cells = [[3, 4], [30, 25], [20, 22]];
    const result = suppressTable(cells);
    expect(result.rowTotalHidden[0]).toBe(true);
    expectNoLoneHidden(cells, result);
  });
});
