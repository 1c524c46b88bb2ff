/**
 * A few Prometheus counters kept in memory. Labels are bounded (method, status
 * class, route family, route template) so no token or path ever becomes a label value.
 */
export class Metrics {
  private readonly counters = new Map<string, number>();
  private readonly started = Date.now();

  /** Adds to a counter identified by name and labels. */
  inc(name: string, labels: Record<string, string> = {}, by = 1): void {
    const key = keyOf(name, labels);
    this.counters.set(key, (this.counters.get(key) ?? 0) + by);
  }

  /** An incrementer of one counter, its key built once: for hot paths. */
  counter(name: string, labels: Record<string, string> = {}): () => void {
    const key = keyOf(name, labels);
    return () => {
      this.counters.set(key, (this.counters.get(key) ?? 0) + 1);
    };
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

function keyOf(name: string, labels: Record<string, string>): string {
  return `${name}{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(",")}}`;
}
