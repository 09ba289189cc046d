/**
 * api keys for Open311 clients (POST /open311/v2/requests), written to the local D1 through
 * wrangler's platform proxy.
 *
 *   npm run open311 -- create-key --name <client> [--persist-to DIR]
 *   npm run open311 -- revoke --id <clientId> [--persist-to DIR]
 *   npm run open311 -- list [--persist-to DIR]
 *
 * The key is printed once; only its SHA-256 hash is stored (api_clients.key_hash).
 */
import { getPlatformProxy } from "wrangler";
import { sha256Hex } from "../src/lib/auth/tokens.ts";
import { insertApiClient, listApiClients, revokeApiClient } from "../src/lib/db/open311.ts";

/** Key prefix: makes a leaked key recognisable to secret scanners and people. */
const KEY_PREFIX = "o311_";

/** A new api key: the prefix and 32 random bytes in base64url. */
function newApiKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return KEY_PREFIX + Buffer.from(bytes).toString("base64url");
}

const [command, ...args] = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
function fail(msg: string): never {
  console.error(`open311: ${msg}`);
  process.exit(2);
}
const persistTo = arg("--persist-to") ?? process.env.WGT_STATE ?? ".wrangler/state";

if (command !== "create-key" && command !== "revoke" && command !== "list") {
  fail("usage: create-key --name CLIENT [--persist-to DIR] | revoke --id N [--persist-to DIR] | list [--persist-to DIR]");
}
const name = (arg("--name") ?? "").trim();
if (command === "create-key" && (name === "" || name.length > 100)) fail("create-key needs --name (1–100 characters)");
const id = Number(arg("--id"));
if (command === "revoke" && (!Number.isInteger(id) || id < 1)) fail("--id must be a client id");

const { env, dispose } = await getPlatformProxy<{ DB: D1Database }>({ configPath: "wrangler.toml", persist: { path: `${persistTo}/v3` } });
const db = env.DB;
const now = Math.floor(Date.now() / 1000);
try {
  if (command === "create-key") {
    const key = newApiKey();
    const clientId = await insertApiClient(db, { name, keyHash: await sha256Hex(key), now });
    console.log(`Created Open311 client ${clientId} (${name}).`);
    console.log("api_key (shown once; store it safely):");
    console.log(key);
  } else if (command === "revoke") {
    if (!(await revokeApiClient(db, id, now))) {
      console.error(`open311: no active client ${id}`);
      process.exitCode = 2;
    } else console.log(`Revoked Open311 client ${id}.`);
  } else {
    for (const c of await listApiClients(db)) {
      console.log(`${c.id}\t${c.name}\t${new Date(c.created_at * 1000).toISOString()}\t${c.revoked_at === null ? "active" : "revoked"}`);
    }
  }
} finally {
  await dispose();
}
