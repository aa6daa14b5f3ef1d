import { describe, expect, it, vi } from 'vitest';
import { createAttune } from 'attune';

/** Lets the microtask that tells listeners run. */
const told = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('subscribe()', () => {
  it('tells a listener once for the changes of one task, and again for each later one', async () => {
    const attune = await createAttune({ storage: 'memory', autoTrack: false });
    const listener = vi.fn();
    attune.subscribe(listener);
    for (let i = 0; i < 5; i++) attune.track('impression', { item: `a${i}`, features: ['topic:tennis'] });
    expect(listener).not.toHaveBeenCalled();
    await told();
    expect(listener).toHaveBeenCalledTimes(1);
    attune.prefer('topic:golf', 1);
    await told();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('tells of a pause, the dial, a forgotten interest and an erase, each of which changes the ranking', async () => {
    const attune = await createAttune({ storage: 'memory', autoTrack: false });
    attune.track('click', { item: 'a1', features: ['topic:tennis'] });
    const listener = vi.fn();
    attune.subscribe(listener);
    for (const change of [() => attune.pause(), () => attune.resume(), () => attune.setSurprise(1), () => attune.forget('topic:tennis'), () => attune.erase()]) {
      const before = listener.mock.calls.length;
      await change();
      await told();
      expect(listener.mock.calls.length).toBeGreaterThan(before);
    }
  });

  it('stops telling a listener once unsubscribed', async () => {
    const attune = await createAttune({ storage: 'memory', autoTrack: false });
    const listener = vi.fn();
    const stop = attune.subscribe(listener);
    stop();
    attune.like('a1', { features: ['topic:tennis'] });
    await told();
    expect(listener).not.toHaveBeenCalled();
  });

  it('refuses a listener that is not a function, naming it', async () => {
    const attune = await createAttune({ storage: 'memory', autoTrack: false });
    expect(() => attune.subscribe('render' as never)).toThrow(/subscribe\(\).*listener.*"render"/);
  });

  it('turns a listener that throws into one warning, and still tells the others', async () => {
    const attune = await createAttune({ storage: 'memory', autoTrack: false });
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const other = vi.fn();
    attune.subscribe(() => {
      throw new Error('render failed');
    });
    attune.subscribe(other);
    attune.like('a1', { features: ['topic:tennis'] });
    await told();
    expect(other).toHaveBeenCalledTimes(1);
    expect(warned).toHaveBeenCalledWith('[attune] a subscribe() listener threw: render failed');
    warned.mockRestore();
  });
});
