/**
 * Tracking codes: 11 random symbols of Crockford base32 (55 bits) plus one check symbol,
 * written XXXX-XXXX-XXXX. The alphabet has no I, L, O or U, so a code read aloud or typed
 * from paper is hard to get wrong. The check symbol is a Damm check over GF(32): it catches
 * every single wrong symbol and every swap of two neighbours, the check symbol included.
 */
export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const DATA_LENGTH = 11;

/** Multiplication by x in GF(2^5) with the primitive polynomial x^5 + x^2 + 1. */
function times2(v: number): number {
  const r = v << 1;
  return r & 32 ? (r ^ 0b100101) & 31 : r;
}

/** Damm's quasigroup x ∘ y = 2x ⊕ y (totally anti-symmetric since 2 ≠ 0, 1). Returns the final interim. */
function damm(symbols: string): number {
  let interim = 0;
  for (const ch of symbols) interim = times2(interim) ^ CODE_ALPHABET.indexOf(ch);
  return interim;
}

/** The symbol that brings the Damm interim of `data` to zero. */
function checkSymbol(data: string): string {
  return CODE_ALPHABET[times2(damm(data))]!;
}

/** Makes a tracking code from 11 values in [0, 32) (from crypto, or a seeded PRNG for demo data). */
export function trackingCodeFrom(values: ArrayLike<number>): string {
  let data = "";
  for (let i = 0; i < DATA_LENGTH; i++) data += CODE_ALPHABET[values[i]! & 31];
  const code = data + checkSymbol(data);
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** A new unguessable tracking code from the platform's CSPRNG. */
export function newTrackingCode(): string {
  return trackingCodeFrom(crypto.getRandomValues(new Uint8Array(DATA_LENGTH)));
}

/**
 * Normalises what a person typed (lower case, spaces, O for 0, I/L for 1) and returns the
 * canonical code, or null when it is not a valid code.
 */
export function normaliseTrackingCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (raw.length !== DATA_LENGTH + 1) return null;
  for (const ch of raw) if (!CODE_ALPHABET.includes(ch)) return null;
  if (damm(raw) !== 0) return null;
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}
