// Node flags the server runs with, wherever it is started (`npm run serve`, the Docker image, the
// benchmarks). Semi-spaces (the young generation) of at most 4 MiB instead of V8's 16 MiB: under a steady
// request load V8 grows it to the maximum and keeps it, which cost ~25 MiB of resident memory
// (bench/memory: 203 → 165–177 MiB on Postgres, 314 → 265–275 MiB on PGlite, under wrk, at the same
// req/s). Smaller is worse: at 1 MiB short-lived objects reach the old generation, which then grows
// (265 MiB on Postgres) and throughput drops.
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=4"];
