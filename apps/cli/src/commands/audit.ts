import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";
import { CliError } from "../cli-error.js";
import { renderTable } from "../output/table.js";

const RELATIVE = /^(\d+)([smhd])$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `--since` as an ISO instant: a duration back from now (`30m`, `24h`, `7d`) or an ISO date/time.
 *
 * @example sinceInstant("1h", new Date("2026-03-01T12:00:00Z")) // "2026-03-01T11:00:00.000Z"
 */
export function sinceInstant(text: string, now: Date, field: "since" | "until" = "since"): string {
  const relative = RELATIVE.exec(text);
  if (relative) return new Date(now.getTime() - Number(relative[1]) * (UNIT_MS[relative[2] ?? "s"] ?? 1000)).toISOString();
  if (/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(text) && !Number.isNaN(Date.parse(text))) return text.includes("T") ? new Date(text).toISOString() : text;
  throw new CliError(`cannot read '${text}' as a time for --${field}: use a duration back from now (30m, 24h, 7d) or an ISO date/time (2026-03-01, 2026-03-01T09:00:00Z)`, { code: "INVALID_INPUT", field });
}

/** `gatehouse audit`: the audit log, newest first. */
export default class Audit extends BaseCommand<typeof Audit> {
  static override summary = "Show the audit log, newest first (admin actions and refused requests)";
  static override examples = [
    "gatehouse audit --action token --since 7d",
    "gatehouse audit --actor alice --limit 20",
    "gatehouse audit --action upload.refused --target /pypi/ --since 2026-03-01 --until 2026-03-02",
    "gatehouse audit --action auth.failure -o json",
  ];
  static override flags = {
    action: Flags.string({ description: "an action or its start: token matches token.create and token.revoke" }),
    actor: Flags.string({ description: "who acted: local, anonymous, a user name or a token's display form" }),
    target: Flags.string({ description: "what was acted on, or its start: token: matches every token, /pypi/ every path under it" }),
    since: Flags.string({ description: "from this time: 30m, 24h, 7d back, or an ISO date/time" }),
    until: Flags.string({ description: "before this time: 30m, 24h, 7d back, or an ISO date/time" }),
    limit: Flags.integer({ description: "at most this many events (1-1000)", default: 100, min: 1, max: 1000 }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const now = new Date();
    const query = {
      limit: f.limit,
      ...(f.action ? { action: f.action } : {}),
      ...(f.actor ? { actor: f.actor } : {}),
      ...(f.target ? { target: f.target } : {}),
      ...(f.since ? { since: sinceInstant(f.since, now) } : {}),
      ...(f.until ? { until: sinceInstant(f.until, now, "until") } : {}),
    };
    const { events } = await (await this.api()).op(ops.system.audit, { query });
    if (this.json) return this.printJson(events);
    if (events.length === 0) return this.note("no audit events match");
    this.out(
      renderTable(
        ["AT", "ACTOR", "ACTION", "OUTCOME", "TARGET", "FROM", "REQUEST", "DETAIL"],
        events.map((e) => [e.at, e.actor, e.action, e.outcome, e.target ?? "-", e.address ?? "-", e.requestId ?? "-", JSON.stringify(e.detail)]),
      ),
    );
  }
}
