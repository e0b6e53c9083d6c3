import { readPainScoreCsv } from './pain-score-csv';

const NOW = new Date('2026-11-25T12:00:00Z');

describe(readPainScoreCsv.name, () => {
  it('should read scores in any column order and ignore other columns', () => {
    const { rows, problems } = readPainScoreCsv('note,score,recordedAt\nmorning,7,2026-10-01T08:00:00Z\n,3,2026-10-02T08:00:00+02:00\n', NOW);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { row: 2, score: 7, recordedAt: new Date('2026-10-01T08:00:00Z') },
      { row: 3, score: 3, recordedAt: new Date('2026-10-02T06:00:00Z') },
    ]);
  });

  it('should report each bad line with its number and field', () => {
    const { rows, problems } = readPainScoreCsv('recordedAt,score\n2026-10-01T08:00:00Z,11\n2026-10-01 08:00,5\n2027-01-01T00:00:00Z,4\n2026-10-03T08:00:00Z,6\n', NOW);
    expect(rows.map((r) => r.row)).toEqual([5]);
    expect(problems).toEqual([
      { row: 2, field: 'score', message: '"11" is not a whole number from 0 to 10' },
      { row: 3, field: 'recordedAt', message: '"2026-10-01 08:00" is not an ISO-8601 time with an offset' },
      { row: 4, field: 'recordedAt', message: 'is in the future' },
    ]);
  });

  it('should refuse a file without the two required columns', () => {
    expect(readPainScoreCsv('date,pain\n2026-10-01,5\n', NOW).problems).toEqual([{ row: 1, field: 'header', message: 'the first line must name the columns recordedAt and score' }]);
  });
});
