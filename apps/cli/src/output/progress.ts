import { Transform } from "node:stream";

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/**
 * A pass-through stream that redraws one progress line on stderr when it is a
 * terminal (and stays silent otherwise, so logs and pipes get no noise).
 */
export function progressStream(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Transform {
  let seen = 0;
  let last = 0;
  const draw = (final: boolean) => {
    const pct = total > 0 ? Math.floor((seen / total) * 100) : 100;
    stream.write(`\r${label}  ${String(pct).padStart(3)}%  ${formatBytes(seen)} / ${formatBytes(total)}${final ? "\n" : ""}`);
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      const now = Date.now();
      if (stream.isTTY && now - last > 100) {
        last = now;
        draw(false);
      }
      done(null, chunk);
    },
    flush(done) {
      if (stream.isTTY) draw(true);
      done();
    },
  });
}

export { formatBytes };
