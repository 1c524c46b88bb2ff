/**
 * A few Prometheus counters kept in memory. Labels are bounded (method, status
 * class, route family) so no token or path ever becomes a label value.
 */
export class Metrics {
  private readonly counters = new Map<string, number>();
  private readonly started = Date.now();

  /** Adds to a counter identified by name and labels. */
  inc(name: string, labels: Record<string, string> = {}, by = 1): void {
    const key = `${name}{${Object.entries(labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(",")}}`;
    this.counters.set(key, (this.counters.get(key) ?? 0) + by);
  }

  /** The Prometheus text exposition of every counter. */
  render(): string {
    const lines = ["# TYPE gatehouse_uptime_seconds gauge", `gatehouse_uptime_seconds ${Math.round((Date.now() - this.started) / 1000)}`];
    const names = new Set<string>();
    for (const key of [...this.counters.keys()].sort()) {
      const name = key.slice(0, key.indexOf("{"));
      if (!names.has(name)) {
        names.add(name);
        lines.push(`# TYPE ${name} counter`);
      }
      lines.push(`${key.replace("{}", "")} ${this.counters.get(key)}`);
    }
    return `${lines.join("\n")}\n`;
  }
}
