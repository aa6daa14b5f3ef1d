/**
 * A sum of exponentially decaying contributions, kept as its value `w` at time
 * `t`. Adding Δ at time `at` ≥ t gives w·2^(−(at−t)/H) + Δ at `at`; an earlier
 * `at` (imported history, another tab's batch) adds Δ·2^(−(t−at)/H) at `t`.
 * Both give the same value at any later time, so the order in which
 * interactions arrive does not matter.
 */
export interface DecayedSum {
  w: number;
  t: number;
}

export function decayFactor(elapsedMs: number, halfLifeMs: number): number {
  return elapsedMs <= 0 ? 1 : 2 ** (-elapsedMs / halfLifeMs);
}

export function valueAt(sum: DecayedSum, now: number, halfLifeMs: number): number {
  return sum.w * decayFactor(now - sum.t, halfLifeMs);
}

/**
 * Adds `delta` at `at`; returns the sum's value before, at the later of `at`
 * and its own time (what `valueAt(sum, at)` read), so a caller that needs it
 * does not decay the sum twice.
 */
export function addTo(sum: DecayedSum, delta: number, at: number, halfLifeMs: number): number {
  const before = sum.w * decayFactor(at - sum.t, halfLifeMs);
  if (at >= sum.t) {
    sum.w = before + delta;
    sum.t = at;
  } else {
    sum.w += delta * decayFactor(sum.t - at, halfLifeMs);
  }
  return before;
}
