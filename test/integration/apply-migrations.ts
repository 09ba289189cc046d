import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Every test file starts from the real schema (setup files run before each file).
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
