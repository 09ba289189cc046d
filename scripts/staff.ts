/**
 * Staff tokens for the case API, written to the local D1 through wrangler's platform proxy.
 *
 *   npm run staff -- create-token --role grid_staff --grid <gridId> [--department <id>] [--label TEXT] [--persist-to DIR]
 *   npm run staff -- revoke --id <accountId> [--persist-to DIR]
 *
 * Roles: grid_staff (a level-3 grid), community_leader (level 2), street_leader (level 1),
 * specialist (--department), supervisor (--grid optional: none means the whole district), admin.
 * The token is printed once; only its SHA-256 hash is stored.
 */
import { getPlatformProxy } from "wrangler";
import { hashStaffToken, newStaffToken } from "../src/lib/auth/tokens.ts";
import { departmentExists, getGridLevel, insertStaffAccount, revokeStaffAccount } from "../src/lib/db/staff-accounts.ts";
import { ROLE_GRID_LEVEL, STAFF_ROLES, type StaffRole } from "../src/lib/cases/states.ts";

const [command, ...args] = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const fail = (msg: string): never => {
  console.error(`staff: ${msg}`);
  process.exit(2);
};
const persistTo = arg("--persist-to") ?? process.env.WGT_STATE ?? ".wrangler/state";

if (command !== "create-token" && command !== "revoke") {
  fail("usage: create-token --role ROLE [--grid ID] [--department ID] [--label TEXT] [--persist-to DIR] | revoke --id N [--persist-to DIR]");
}

const { env, dispose } = await getPlatformProxy<{ DB: D1Database }>({ configPath: "wrangler.toml", persist: { path: `${persistTo}/v3` } });
const db = env.DB;
const now = Math.floor(Date.now() / 1000);
try {
  if (command === "revoke") {
    const id = Number(arg("--id"));
    if (!Number.isInteger(id) || id < 1) fail("--id must be an account id");
    if (!(await revokeStaffAccount(db, id, now))) fail(`no active account ${id}`);
    console.log(`Revoked staff account ${id}.`);
  } else {
    const role = arg("--role") as StaffRole | undefined;
    if (!role || !STAFF_ROLES.includes(role)) fail(`--role must be one of ${STAFF_ROLES.join(", ")}`);
    const grid = arg("--grid") ?? null;
    const department = arg("--department") ?? null;
    const level = ROLE_GRID_LEVEL[role!];
    if (level !== null) {
      if (!grid) fail(`${role} needs --grid (a level-${level} grid id)`);
      const actual = await getGridLevel(db, grid!);
      if (actual === null) fail(`no grid ${grid}`);
      if (actual !== level) fail(`${role} needs a level-${level} grid; ${grid} is level ${actual}`);
    } else if (grid && (await getGridLevel(db, grid)) === null) {
      fail(`no grid ${grid}`);
    }
    if (role === "specialist" && !department) fail("specialist needs --department");
    if (department && !(await departmentExists(db, department))) fail(`no department ${department}`);
    if (role === "admin" && grid) fail("admin has no grid scope");
    const token = newStaffToken();
    const id = await insertStaffAccount(db, {
      label: arg("--label") ?? `${role}${grid ? ` ${grid}` : ""}${department ? ` ${department}` : ""}`,
      role: role!, scopeGridId: grid, departmentId: department, tokenHash: await hashStaffToken(token), now,
    });
    console.log(`Created staff account ${id} (${role}${grid ? `, grid ${grid}` : ""}${department ? `, department ${department}` : ""}).`);
    console.log("Token (shown once; store it safely):");
    console.log(token);
  }
} finally {
  await dispose();
}
