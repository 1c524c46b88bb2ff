/**
 * Runs `work` over `inputs` (cycling) `opsPerRound` times per round and returns each round's rate
 * (operations per second); two unreported rounds first warm the JIT up.
 * @example timeRounds(tokens, 200_000, 9, (t) => hashToken(t).length)
 */
export function timeRounds<T>(inputs: readonly T[], opsPerRound: number, rounds: number, work: (input: T) => number): number[] {
  const rates: number[] = [];
  // Results are summed and (never) printed so the optimiser cannot drop the work.
  let sink = 0;
  for (let round = -2; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < opsPerRound; i++) {
      const input = inputs[i % inputs.length];
      if (input !== undefined) sink += work(input);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (round >= 0) rates.push(opsPerRound / seconds);
  }
  if (sink < 0) console.log(sink);
  return rates;
}
