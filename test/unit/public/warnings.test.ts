/**
 * A warning about the page or the network is one line: what went wrong, then
 * why. With the `debug` option the cause is printed whole, stack and all;
 * one instance with it turns stacks on for the page, so that test comes last.
 */
import { createAttune } from 'attune';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => vi.restoreAllMocks());

const base = { storage: 'memory', autoTrack: false } as const;
/** Bytes that are no model file, and a model file of a version this SDK does not read (yet). */
const NOT_A_MODEL = new Uint8Array(16);
const VERSION_99 = new Uint8Array([0x41, 0x54, 0x4e, 0x4d, 99, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

describe('warnings', () => {
  it('are one line each, the cause\'s message after what went wrong, without its stack', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await createAttune({ ...base, model: NOT_A_MODEL });
    expect(warn.mock.calls).toEqual([
      ['[attune] the model could not be used; ranking without it: the model file is not usable: it does not start with "ATNM" (is it the model file?)'],
    ]);
  });

  it('carry their cause whole, with its stack, where an instance asks for debug', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await createAttune({ ...base, model: VERSION_99, debug: true });
    expect(warn.mock.calls).toEqual([
      [
        expect.stringMatching(/^\[attune\] the model could not be used; ranking without it: the model file is not usable: it is version 99; this Attune reads versions 1 to \d+$/),
        expect.any(TypeError),
      ],
    ]);
    expect((warn.mock.calls[0]![1] as Error).stack).toMatch(/\n\s+at /);
  });
});
