/** A progress bar on a terminal; nothing on a pipe, where the per-book lines already tell the story. */

/** Width of the bar in character cells. */
const BAR_CELLS = 24;

/** Draws and clears a one-line progress bar on stderr when it is a terminal. */
export class Progress {
  private readonly started = performance.now();
  private done = 0;
  private readonly enabled: boolean;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = Boolean(stream.isTTY) && total > 1;
  }

  /** Counts one finished book and redraws. */
  tick(): void {
    this.done++;
    if (!this.enabled) return;
    const filled = Math.round((this.done / this.total) * BAR_CELLS);
    const seconds = (performance.now() - this.started) / 1000;
    const rate = seconds > 0 ? (this.done / seconds).toFixed(1) : '…';
    this.stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(BAR_CELLS - filled)}] ${this.done}/${this.total} books  ${rate}/s`);
  }

  /** Removes the bar before ordinary lines are printed over it. */
  clear(): void {
    if (this.enabled) this.stream.write('\r\x1b[2K');
  }
}
