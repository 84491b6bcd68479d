/** Where a tool answer's time goes; a slow answer logs these (SLOW_TOOL_MS). */
export type Stage = 'cache' | 'embed' | 'search' | 'rank'
export type StageTimings = Partial<Record<Stage, number>>

/** Runs `work`, adding its duration in ms to `stages[stage]` (when the caller is timing stages). */
export async function timed<T>(stages: StageTimings | undefined, stage: Stage, work: () => T | Promise<T>): Promise<T> {
  if (!stages) return work()
  const started = performance.now()
  try {
    return await work()
  } finally {
    stages[stage] = (stages[stage] ?? 0) + (performance.now() - started)
  }
}
