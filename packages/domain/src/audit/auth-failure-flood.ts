import type { DomainContext } from "../context.js";
import { recordAudit } from "./audit-log.js";
import { type AuthFailure, recordAuthFailure, redact } from "./audit-service.js";

/** How failed authentications are folded together under a flood. */
export interface AuthFailureFloodOptions {
  /** Failures per address per window written one row each (default 5); the rest are counted. */
  individualPerWindow?: number;
  /** The window's length (default 60 s, the failure limiter's). */
  windowMs?: number;
  /** How often ended windows are written out (default the window's length); 0 for no timer (tests). */
  flushEveryMs?: number;
  /** Addresses tracked at once before every window is written out early (default 10,000). */
  maxAddresses?: number;
}

interface FloodWindow {
  start: number;
  written: number;
  counted: number;
  reasons: Record<string, number>;
  firstAt: Date | null;
  lastAt: Date | null;
  lastTarget: string;
}

/**
 * Audits failed authentications without one insert per failure under a flood: the first few from
 * an address in a window get their own row (with the refused token's GUID), the rest become one
 * `auth.failure` row per address per window with a count, written when the window ends.
 *
 * @example
 * const audit = new AuthFailureAuditor(domain);
 * void audit.record({ reason: "unknown", via: "bearer", target: "/pypi/simple/", address });
 * await audit.close(); // writes what is still counted
 */
export class AuthFailureAuditor {
  private readonly windows = new Map<string, FloodWindow>();
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly individual: number;
  private readonly windowMs: number;

  constructor(
    private readonly ctx: DomainContext,
    private readonly options: AuthFailureFloodOptions = {},
  ) {
    this.individual = options.individualPerWindow ?? 5;
    this.windowMs = options.windowMs ?? 60_000;
    const every = options.flushEveryMs ?? this.windowMs;
    if (every > 0) {
      this.timer = setInterval(() => void this.flush().catch(() => undefined), every);
      this.timer.unref();
    }
  }

  /** Writes the failure's own row, or counts it when its address is past the window's allowance. */
  async record(failure: AuthFailure): Promise<void> {
    const now = this.ctx.now();
    const address = failure.address ?? "unknown";
    let w = this.windows.get(address);
    if (w && now.getTime() - w.start >= this.windowMs) {
      this.windows.delete(address);
      await this.writeSummary(address, w);
      w = undefined;
    }
    if (!w) {
      if (this.windows.size >= (this.options.maxAddresses ?? 10_000)) await this.flush({ all: true });
      w = { start: now.getTime(), written: 0, counted: 0, reasons: {}, firstAt: null, lastAt: null, lastTarget: "" };
      this.windows.set(address, w);
    }
    if (w.written < this.individual) {
      w.written++;
      return recordAuthFailure(this.ctx, failure);
    }
    w.counted++;
    w.reasons[failure.reason] = (w.reasons[failure.reason] ?? 0) + 1;
    w.firstAt ??= now;
    w.lastAt = now;
    w.lastTarget = failure.target;
  }

  /** Writes one summary row for each window that has ended (every window with `all`). */
  async flush(options: { all?: boolean } = {}): Promise<void> {
    const now = this.ctx.now().getTime();
    const ended = [...this.windows].filter(([, w]) => options.all || now - w.start >= this.windowMs);
    for (const [address] of ended) this.windows.delete(address);
    for (const [address, w] of ended) await this.writeSummary(address, w);
  }

  /** Stops the timer and writes every count still held. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush({ all: true });
  }

  private async writeSummary(address: string, w: FloodWindow): Promise<void> {
    if (w.counted === 0) return;
    await recordAudit(this.ctx.db, {
      actor: "anonymous",
      action: "auth.failure",
      target: redact(w.lastTarget),
      outcome: "denied",
      address,
      detail: {
        aggregated: true,
        count: w.counted,
        reasons: w.reasons,
        firstAt: w.firstAt?.toISOString() ?? null,
        lastAt: w.lastAt?.toISOString() ?? null,
        windowSeconds: this.windowMs / 1000,
      },
    });
  }
}
