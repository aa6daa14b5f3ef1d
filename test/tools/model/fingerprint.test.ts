import { describe, expect, it } from 'vitest';
import { logFingerprint } from '../../../tools/model/fingerprint';

const logs = [
  { user: 'visitor-7f3a9c', item: 'a' },
  { user: 'visitor-7f3a9c', item: 'b', weight: 2 },
  { user: 'visitor-51e0d2', item: 'a' },
];

describe('logFingerprint', () => {
  it('is 16 hex digits that do not depend on the order of the lines', () => {
    const fingerprint = logFingerprint(logs);
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(logFingerprint([...logs].reverse())).toBe(fingerprint);
  });

  it('changes with a line more, a line less, or another weight', () => {
    const fingerprint = logFingerprint(logs);
    expect(logFingerprint([...logs, { user: 'visitor-51e0d2', item: 'b' }])).not.toBe(fingerprint);
    expect(logFingerprint(logs.slice(1))).not.toBe(fingerprint);
    expect(logFingerprint([logs[0]!, { ...logs[1]!, weight: 3 }, logs[2]!])).not.toBe(fingerprint);
    // A repeated line counts again, as training counts it.
    expect(logFingerprint([...logs, logs[0]!])).not.toBe(fingerprint);
  });

  it('counts a line without a weight as weight 1, as training does', () => {
    expect(logFingerprint([{ user: 'u', item: 'a', weight: 1 }])).toBe(logFingerprint([{ user: 'u', item: 'a' }]));
  });
});
