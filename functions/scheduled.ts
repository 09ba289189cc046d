/** The cron handler (wrangler.toml: every 15 minutes): escalates overdue cases. */
import { escalateOverdueCases } from "../src/lib/cases/workflow.ts";

/** Runs the scheduled jobs; the cron expression decides nothing else yet. */
export async function scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
  ctx.waitUntil(
    escalateOverdueCases(env.DB).then((n) => {
      if (n > 0) console.log(`escalated ${n} overdue case(s)`);
    }),
  );
}
