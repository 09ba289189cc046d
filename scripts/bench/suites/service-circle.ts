/** The 15-minute index for every community at the city size: spatial index vs all pairs (in Node). */
import { benchServiceCircle } from "../service-circle.ts";
import type { CustomBenchmark } from "../types.ts";

export const custom: CustomBenchmark[] = [{ name: "service-circle", ownServer: true, run: () => benchServiceCircle() }];
