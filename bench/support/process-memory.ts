import { readFileSync } from "node:fs";

/** A process's resident memory now and its lifetime peak, in MiB. */
export interface ProcessMemory {
  rssMb: number;
  hwmMb: number;
}

/**
 * Reads a process's VmRSS and VmHWM from /proc (Linux only).
 * @example readProcessMemory(child.pid ?? 0).hwmMb
 */
export function readProcessMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb("VmRSS") / 1024, hwmMb: kb("VmHWM") / 1024 };
}

/**
 * Runs `work` while sampling the process's RSS every 100 ms; returns its result, the seconds it took and the peak RSS seen.
 * @example const up = await timeWithPeakRss(pid, () => runCurl(args))
 */
export async function timeWithPeakRss<T>(pid: number, work: () => Promise<T>): Promise<{ seconds: number; out: T; peakRssMb: number }> {
  let peakRssMb = 0;
  const timer = setInterval(() => {
    peakRssMb = Math.max(peakRssMb, readProcessMemory(pid).rssMb);
  }, 100);
  const start = performance.now();
  try {
    const out = await work();
    return { seconds: (performance.now() - start) / 1000, out, peakRssMb };
  } finally {
    clearInterval(timer);
  }
}
