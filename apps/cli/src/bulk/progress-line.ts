import type { BulkOutcome } from "./bulk-types.js";

/**
 * One self-redrawing line on stderr while a bulk import runs — only on a terminal, so pipes and
 * logs get nothing but the summary.
 */
export class ProgressLine {
  private last = 0;
  private readonly started = performance.now();

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(outcomes: readonly BulkOutcome[], counts: Record<BulkOutcome["status"], number>): void {
    const now = performance.now();
    if (!this.stream.isTTY || (now - this.last < 100 && outcomes.length < this.total)) return;
    this.last = now;
    const rate = outcomes.length / Math.max((now - this.started) / 1000, 0.001);
    this.stream.write(`\r\u001b[2K[${outcomes.length}/${this.total}] added ${counts.added}, skipped ${counts.skipped}, refused ${counts.refused}  ${Math.round(rate)} files/s`);
  }

  done(): void {
    if (this.stream.isTTY && this.last > 0) this.stream.write("\n");
  }
}
