// What the terminal gets: colour only on a TTY and never when NO_COLOR is set (https://no-color.org),
// progress only on a TTY and never with --quiet or --json.

type Stream = { isTTY?: boolean; write(s: string): unknown };

export function colorEnabled(stream: Stream, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !(env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '');
}

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, bold: 1 } as const;

export function painter(enabled: boolean): (color: keyof typeof CODES, text: string) => string {
  return (color, text) => (enabled ? `\x1b[${CODES[color]}m${text}\x1b[0m` : text);
}

export interface Progress {
  phase(text: string): void;
  step(text: string, done: number, total: number): void;
  done(): void;
}

const SILENT: Progress = { phase() {}, step() {}, done() {} };

/** A one-line progress display on stderr, redrawn at most every 100 ms. */
export function progress(stream: Stream & { columns?: number }, enabled: boolean): Progress {
  if (!enabled || stream.isTTY !== true) return SILENT;
  let last = 0;
  let shown = false;
  const draw = (line: string) => {
    // Short of the last column (writing there wraps on some terminals). A width of 0 (or none) is
    // unknown, not zero: it falls back to 80 columns instead of cutting the line.
    const width = stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
    stream.write(`\r\x1b[K${line.slice(0, Math.max(1, width - 1))}`);
    shown = true;
  };
  return {
    phase: (text) => draw(text),
    step(text, done, total) {
      const now = Date.now();
      if (done !== total && now - last < 100) return;
      last = now;
      draw(`${text} ${done}/${total}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
