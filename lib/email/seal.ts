// Links in queued emails carry live tokens. They are sealed (AES-256-GCM, key
// derived from AUTH_SECRET) while queued and erased once sent, so the outbox
// never holds a usable token at rest. lib/auth seals TOTP secrets the same way,
// under its own purpose (a separate key).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

function key(secret: string, purpose: string) {
  return createHash("sha256").update(`apexshare-${purpose}:${secret}`).digest();
}

export function seal(value: string, secret: string, purpose = "outbox"): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secret, purpose), iv);
  const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
}

export function unseal(sealed: string, secret: string, purpose = "outbox"): string {
  const [iv, tag, body] = sealed.split(".").map((s) => Buffer.from(s, "base64url"));
  const decipher = createDecipheriv("aes-256-gcm", key(secret, purpose), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}
