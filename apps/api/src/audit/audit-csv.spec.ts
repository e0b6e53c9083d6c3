import { csvCell, csvLine } from './audit-trail.service';

describe('audit CSV', () => {
  it('should quote only cells that need it and double their quotes', () => {
    expect(csvLine(['a', 'b c', ''])).toBe('a,b c,\r\n');
    expect(csvLine(['x,y', 'say "hi"', 'two\nlines'])).toBe('"x,y","say ""hi""","two\nlines"\r\n');
    expect(csvLine([JSON.stringify({ a: 1, b: 'q' })])).toBe('"{""a"":1,""b"":""q""}"\r\n');
  });

  it('should keep spreadsheets from running a cell as a formula', () => {
    for (const danger of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(danger)).toBe(`'${danger}`);
    expect(csvCell('patient.read')).toBe('patient.read');
    expect(csvCell(null)).toBe('');
  });
});
