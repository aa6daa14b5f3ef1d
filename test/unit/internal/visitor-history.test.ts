import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core';
import type { Interaction } from '../../../src/types';
import { VisitorHistory } from '../../../src/rules/visitor-facts';

const click = (item: string, at: number): Interaction => ({ type: 'click', item, features: ['topic:tennis'], context: {}, at });

/** A core whose database answers the history read when the test says. */
function coreWithDatabase(copied?: Interaction[]) {
  let answer!: (events: Interaction[]) => void;
  const answered = new Promise<Interaction[]>((resolve) => (answer = resolve));
  const core = {
    batcher: { pending: [] },
    store: { persistent: true },
    config: { now: () => 1_000 },
    _copiedHistory: copied,
    useStore: () => answered.then((events) => ({ events })),
  } as unknown as Core;
  return { core, answer };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the history the rules read', () => {
  it("starts from the copy's, and takes the database's with what this page view recorded meanwhile, each once", async () => {
    const { core, answer } = coreWithDatabase([click('a', 1)]);
    const history = new VisitorHistory();
    await history.load(core);
    expect(history.events.map(({ item }) => item)).toEqual(['a']);
    core._recorded!(click('b', 500));
    expect(history.events.map(({ item }) => item)).toEqual(['a', 'b']);
    // The database holds a click the copy lacked, and the one just recorded, already stored.
    answer([click('a', 1), click('z', 2), click('b', 500)]);
    await tick();
    expect(history.events.map(({ item }) => item)).toEqual(['a', 'z', 'b']);
  });

  it('does not bring back what an erase heard during the read dropped', async () => {
    const { core, answer } = coreWithDatabase();
    const history = new VisitorHistory();
    const loading = history.load(core);
    history.clear();
    core._recorded!(click('after', 600));
    answer([click('erased', 1)]);
    await loading;
    expect(history.events.map(({ item }) => item)).toEqual(['after']);
  });
});
