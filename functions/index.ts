/** The API as a Worker module: what the tests run, and what src/worker.ts delegates to. */
import app from "./app.ts";
import { scheduled } from "./scheduled.ts";

export default {
  fetch: app.fetch,
  scheduled,
} satisfies ExportedHandler<Env>;
