import { describe, expect, it } from 'vitest';
import { readInteractions } from '../../tools/model/read';

describe('readInteractions', () => {
  it('reads user, item and timestamp, each interaction counting 1 without a weight column', () => {
    expect(readInteractions('user,item,timestamp\nu1,a17,1700000000\nu2,a18,1700000060\n')).toEqual([
      { user: 'u1', item: 'a17', time: 1_700_000_000_000 },
      { user: 'u2', item: 'a18', time: 1_700_000_060_000 },
    ]);
  });

  it('reads times as epoch seconds, epoch milliseconds or ISO 8601 dates, into epoch milliseconds', () => {
    const times = ['964982703', '1700000000123', '2010-12-01T08:26:00Z', '2010-12-01 08:26', '2010-12-01T09:26+01:00', '2010-12-01'];
    const logs = `user,item,timestamp\n${times.map((time) => `u1,a,${time}`).join('\n')}\n`;
    expect(readInteractions(logs).map(({ time }) => time)).toEqual([
      964_982_703_000,
      1_700_000_000_123,
      Date.UTC(2010, 11, 1, 8, 26),
      // A date-time without a zone is UTC, whatever the machine's time zone.
      Date.UTC(2010, 11, 1, 8, 26),
      Date.UTC(2010, 11, 1, 8, 26),
      Date.UTC(2010, 11, 1),
    ]);
  });

  it("names the site's own columns, and reads weights", () => {
    const ratings = 'userId,movieId,rating,timestamp\r\n1,1,4.0,964982703\r\n1,3,0.5,964981247\r\n';
    expect(readInteractions(ratings, { user: 'userId', item: 'movieId', weight: 'rating', timestamp: 'timestamp' })).toEqual([
      { user: '1', item: '1', weight: 4, time: 964_982_703_000 },
      { user: '1', item: '3', weight: 0.5, time: 964_981_247_000 },
    ]);
  });

  it('does without a timestamp column unless one is named', () => {
    expect(readInteractions('user,item\nu1,a\n')).toEqual([{ user: 'u1', item: 'a' }]);
    expect(() => readInteractions('user,item\nu1,a\n', { timestamp: 'time' })).toThrow(
      new TypeError('logs line 1: no column "time" in the header (user, item)'),
    );
  });

  it('names the line and what is wrong', () => {
    const read = (text: string) => () => readInteractions(text);
    expect(read('')).toThrow(/^logs: the file is empty/);
    expect(read('user,item,timestamp\n')).toThrow(new TypeError('logs: nothing after the header line'));
    expect(read('userId,item\nu1,a\n')).toThrow(new TypeError('logs line 1: no column "user" in the header (userId, item)'));
    expect(read('user,item,timestamp\nu1,a,1\nu2,b\n')).toThrow(new TypeError('logs line 3: 2 fields, the header has 3'));
    expect(read('user,item,timestamp\nu1,a,1\n,b,2\n')).toThrow(new TypeError('logs line 3: no user id'));
    expect(read('user,item,timestamp\nu1,a,1\nu2,,2\n')).toThrow(new TypeError('logs line 3: no item id'));
    for (const weight of ['0', '-1', 'often', '', 'Infinity']) {
      expect(read(`user,item,weight\nu1,a,1\nu2,b,${weight}\n`)).toThrow(
        new TypeError(`logs line 3: weight must be a positive number, got ${JSON.stringify(weight)}`),
      );
    }
    // Other text forms of a date are parsed differently by different engines (12/1/2010: December or January?).
    for (const time of ['', 'yesterday', '12/1/2010 8:26', '2010-13-01']) {
      expect(read(`user,item,timestamp\nu1,a,1\nu2,b,${time}\n`)).toThrow(
        new TypeError(`logs line 3: timestamp must be epoch seconds, epoch milliseconds or an ISO 8601 date, got ${JSON.stringify(time)}`),
      );
    }
  });
});
