/** npm run build: the production build with the offline settings (prerendered from the local D1). */
import { run } from "./lib/sh.ts";

run("astro", ["build"]);
