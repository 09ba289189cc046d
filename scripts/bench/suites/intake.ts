/** Intake throughput against a bare single-insert route, with a check that nothing was lost. */
import { BENCH_VARS, benchIntake } from "../intake.ts";
import type { CustomBenchmark } from "../types.ts";

export const vars = BENCH_VARS;
export const custom: CustomBenchmark[] = [{ name: "intake", run: (base) => benchIntake(base) }];
