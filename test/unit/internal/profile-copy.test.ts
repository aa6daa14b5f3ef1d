import { afterEach, describe, expect, it } from 'vitest';
import { ProfileCopy, type ProfileSnapshot } from '../../../src/store/profile-copy';

const KEY = 'attune:size:profile';

afterEach(() => localStorage.clear());

/** Writes `snapshot` as a tab that read the copy first (a tab writes only over the copy it last saw). */
function write(snapshot: ProfileSnapshot): void {
  const copy = new ProfileCopy(window, 'size', () => snapshot);
  copy.read();
  copy.now();
}

/** A copy whose profile and history are each about `profile` and `history` characters long. */
function copyOf(profile: number, history: number): ProfileSnapshot {
  const event = { type: 'click', item: 'x', features: ['topic:tennis'], at: 1, context: {} };
  return { by: 'site', vector: 'p'.repeat(profile), settings: {}, history: Array.from({ length: Math.ceil(history / 70) }, () => event) };
}

describe("the profile's copy, written", () => {
  it('leaves the history out where the whole would be too long, and keeps the profile', () => {
    write(copyOf(150_000, 60_000));
    const kept = JSON.parse(localStorage.getItem(KEY)!) as ProfileSnapshot;
    expect(kept.history).toBeUndefined();
    expect(kept.vector).toHaveLength(150_000);
  });

  it('keeps both where they fit', () => {
    write(copyOf(100_000, 60_000));
    expect((JSON.parse(localStorage.getItem(KEY)!) as ProfileSnapshot).history).toHaveLength(858);
  });

  it('is not kept where the profile alone is too long', () => {
    localStorage.setItem(KEY, JSON.stringify(copyOf(10, 0)));
    write(copyOf(210_000, 0));
    expect(localStorage.getItem(KEY)).toBeNull();
  });
});
