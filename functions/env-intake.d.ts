/** Optional configuration of the intake and the benchmark (wrangler vars; unset in production). */
declare namespace Cloudflare {
  interface Env {
    /** Intake rate limit per client as "N/S" (N reports per S seconds); default 20/600. */
    INTAKE_RATE_LIMIT?: string;
    /** "1" enables the benchmark's helper routes under /api/_bench/ (never set in production). */
    BENCH_ROUTES?: string;
  }
}
