// Student link tokens: 256 random bits in the URL, only a SHA-256 in the database.
import { createHash, randomBytes } from "node:crypto";

export function newShareToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url"); // 43 characters
  return { token, tokenHash: hashShareToken(token) };
}

export function hashShareToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Shape check before any lookup, so junk never reaches the database. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
