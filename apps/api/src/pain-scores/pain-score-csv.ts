import { parse } from 'csv-parse/sync';

export interface CsvRow { row: number; score: number; recordedAt: Date }
export interface CsvProblem { row: number; field: string; message: string }

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
export const MAX_IMPORT_ROWS = 5000;

/**
 * Reads a historical pain diary: a header with `recordedAt` and `score` (any order, other columns ignored),
 * one score per line. Every problem is reported with its line number (the header is line 1).
 */
export function readPainScoreCsv(text: string, now: Date): { rows: CsvRow[]; problems: CsvProblem[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    return { rows: [], problems: [{ row: 0, field: 'file', message: `not readable as CSV: ${(error as Error).message.split('\n')[0]}` }] };
  }
  if (records.length === 0) return { rows: [], problems: [{ row: 0, field: 'file', message: 'the file is empty' }] };
  const header = records[0].map((h) => h.toLowerCase());
  const at = header.indexOf('recordedat');
  const sc = header.indexOf('score');
  if (at < 0 || sc < 0) return { rows: [], problems: [{ row: 1, field: 'header', message: 'the first line must name the columns recordedAt and score' }] };
  if (records.length - 1 > MAX_IMPORT_ROWS) return { rows: [], problems: [{ row: 0, field: 'file', message: `at most ${MAX_IMPORT_ROWS} scores per import` }] };

  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  records.slice(1).forEach((record, i) => {
    const row = i + 2;
    const rawScore = record[sc] ?? '';
    const rawTime = record[at] ?? '';
    const score = /^\d{1,2}$/.test(rawScore) ? Number(rawScore) : NaN;
    const recordedAt = ISO_WITH_OFFSET.test(rawTime) ? new Date(rawTime) : new Date(NaN);
    const before = problems.length;
    if (!(score >= 0 && score <= 10)) problems.push({ row, field: 'score', message: `"${rawScore.slice(0, 20)}" is not a whole number from 0 to 10` });
    if (Number.isNaN(recordedAt.getTime())) problems.push({ row, field: 'recordedAt', message: `"${rawTime.slice(0, 40)}" is not an ISO-8601 time with an offset` });
    else if (recordedAt.getTime() - now.getTime() > 5 * 60_000) problems.push({ row, field: 'recordedAt', message: 'is in the future' });
    if (problems.length === before) rows.push({ row, score, recordedAt });
  });
  return { rows, problems };
}
