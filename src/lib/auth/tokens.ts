/**
 * Staff bearer tokens: random, shown once, stored only as their SHA-256 hex digest (a token
 * has 256 random bits, so a plain hash is enough; no salt or slow hash is needed).
 */

/** SHA-256 of a UTF-8 string, as lower-case hex (crypto.subtle: Workers and Node alike). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Token prefix: makes a leaked token recognisable to secret scanners and people. */
export const TOKEN_PREFIX = "wgt_";

/** A new staff token: the prefix and 32 random bytes in base64url. */
export function newStaffToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const b64 = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return TOKEN_PREFIX + b64;
}

/** The stored form of a token. */
export function hashStaffToken(token: string): Promise<string> {
  return sha256Hex(token);
}

/** The token of an `Authorization: Bearer <token>` header, or null when there is none. */
export function bearerToken(header: string | undefined | null): string | null {
  const m = /^Bearer\s+([A-Za-z0-9_\-.~+/=]{1,256})\s*$/i.exec(header ?? "");
  return m ? m[1]! : null;
}
