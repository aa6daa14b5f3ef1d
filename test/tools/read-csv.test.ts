import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from '../../tools/model/read';

describe('parseCsv', () => {
  it('returns every row, the header first', () => {
    expect(parseCsv('movieId,title\n1,Toy Story (1995)\n2,Jumanji (1995)\n')).toEqual([
      ['movieId', 'title'],
      ['1', 'Toy Story (1995)'],
      ['2', 'Jumanji (1995)'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text =
      'id,title\r\n11,"American President, The (1995)"\r\n12,"Dracula: ""Dead"" and Loving It"\r\n' + '13,"two\r\nlines"\r\n14,""\r\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'title'],
      ['11', 'American President, The (1995)'],
      ['12', 'Dracula: "Dead" and Loving It'],
      ['13', 'two\r\nlines'],
      ['14', ''],
    ]);
  });

  it('ends records at CRLF, LF or CR, with or without a line break at the end', () => {
    const rows = [['a', 'b'], ['1', '2'], ['3', '4']];
    for (const text of ['a,b\r\n1,2\r\n3,4\r\n', 'a,b\n1,2\n3,4', 'a,b\r1,2\r3,4\r', 'a,b\r\n1,2\n3,4']) {
      expect(parseCsv(text)).toEqual(rows);
    }
  });

  it('keeps empty fields, skips blank lines, and drops a byte-order mark', () => {
    expect(parseCsv('\ufeffid,features,text\n\n1,,\n,2,\n\r\n\n')).toEqual([
      ['id', 'features', 'text'],
      ['1', '', ''],
      ['', '2', ''],
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(parseCsv('21243,12" vinyl record,1.5\n')).toEqual([['21243', '12" vinyl record', '1.5']]);
  });

  it('names the line of a quoted field that is never closed, or has text after its closing quote', () => {
    expect(() => parseCsv('id,title\n1,ok\n2,"never closed\n3,x\n')).toThrow(new TypeError('CSV line 3: a quoted field is never closed'));
    // The record on line 2 spans two lines, so the bad one is line 4.
    expect(() => parseCsv('id,title\n1,"two\nlines"\n2,"quoted"then text\n')).toThrow(
      new TypeError('CSV line 4: text after the closing quote of field 2'),
    );
  });

  it('reads semicolon- and tab-separated text, or the delimiter it is given', () => {
    const rows = [['id', 'title'], ['47', 'Seven, (1995)']];
    expect(parseCsv('id;title\n47;Seven, (1995)\n')).toEqual(rows);
    expect(parseCsv('id\ttitle\n47\tSeven, (1995)\n')).toEqual(rows);
    expect(parseCsv('id;title\n47;"Seven; (1995)"\n')).toEqual([['id', 'title'], ['47', 'Seven; (1995)']]);
    expect(parseCsv('id;title\n47;x\n', ',')).toEqual([['id;title'], ['47;x']]);
  });
});

describe('detectDelimiter', () => {
  it('takes the most frequent of comma, semicolon and tab in the first line, outside quotes', () => {
    expect(detectDelimiter('movieId,title,genres\n')).toBe(',');
    expect(detectDelimiter('movieId;title;genres\n1;a,b,c,d;x\n')).toBe(';');
    expect(detectDelimiter('movieId\ttitle, year\tgenres')).toBe('\t');
    expect(detectDelimiter('"id,code";"title,name";genres\n')).toBe(';');
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
  });

  it('falls back to a comma on a tie, in a file of one column, and in empty text', () => {
    expect(detectDelimiter('id;title,genres\n')).toBe(',');
    expect(detectDelimiter('id\n1;2;3\n')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });
});
