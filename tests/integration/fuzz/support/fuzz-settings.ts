import fc from 'fast-check';

// Fixed sizes keep the fuzz suite bounded (a couple of minutes on a loaded 2-core machine) and reproducible:
// fast-check prints the seed and path of a failure, and FUZZ_SEED replays it. FUZZ_RUNS scales every
// property up (or down) for longer local runs, e.g. FUZZ_RUNS=10 runs ten times as many cases.

const scale = Number(process.env.FUZZ_RUNS ?? '1');
if (!Number.isFinite(scale) || scale <= 0) throw new Error(`FUZZ_RUNS must be a positive number, got ${process.env.FUZZ_RUNS}`);

const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got ${process.env.FUZZ_SEED}`);

/** fast-check parameters for a property whose default size is `runs` cases. */
export function fuzzParameters<T>(runs: number): fc.Parameters<T> {
  return {
    numRuns: Math.max(1, Math.round(runs * scale)),
    ...(seed !== undefined && { seed }),
    // Shrinking re-runs the failing case many times against the server; a handful of steps is enough to
    // make a counterexample readable without blowing the time budget.
    endOnFailure: process.env.FUZZ_SHRINK !== '1',
  };
}

/** Jest's timeout for a fuzz test whose default size takes well under `ms`: longer runs get longer. */
export const fuzzTimeout = (ms: number) => Math.round(ms * Math.max(1, scale));
