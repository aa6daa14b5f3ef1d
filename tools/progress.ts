/**
 * Progress of the model builder's stages on stderr. On a terminal, a bar redrawn
 * in place; elsewhere (a CI log, a pipe) one line as each stage starts, since
 * redrawn lines would fill a log with carriage returns.
 */
export interface Progress {
  /** `done` of `total` in `stage`; a new stage ends the previous one's line. */
  update(stage: string, done: number, total: number): void;
  /** Ends the last stage's line. */
  end(): void;
}

const BAR_WIDTH = 30;
/** Redraws at most every 50 ms: a terminal written to for every update slows the work it reports. */
const REDRAW_MS = 50;

export function progressOn(stream: NodeJS.WriteStream): Progress {
  let current: string | undefined;
  let drawnAt = -Infinity;
  const end = () => {
    if (current !== undefined && stream.isTTY) stream.write('\n');
    current = undefined;
  };
  return {
    update(stage, done, total) {
      if (stage !== current) {
        end();
        current = stage;
        drawnAt = -Infinity;
        if (!stream.isTTY) stream.write(`${stage}\n`);
      }
      const now = performance.now();
      if (!stream.isTTY || (now - drawnAt < REDRAW_MS && done < total)) return;
      drawnAt = now;
      const share = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(share * BAR_WIDTH);
      // A line wider than the terminal wraps, and \r would then redraw only its last part: shorten the label.
      const room = Math.max(10, (stream.columns || 80) - BAR_WIDTH - 7);
      const label = stage.length > room ? `…${stage.slice(stage.length - room + 1)}` : stage;
      // \r returns to the line's start; ESC[K clears what a longer earlier draw left.
      stream.write(`\r${label} ${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${Math.floor(share * 100)}%\x1b[K`);
    },
    end,
  };
}
