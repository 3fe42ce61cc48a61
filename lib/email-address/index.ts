// The email-address schema every form and API shares. Browser-safe (zod only):
// the upload form's rules import it, so nothing server-side may be added here.
import { z } from "zod";

/** Email addresses are compared lower-cased and trimmed everywhere. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailAddress = z
  .string({ error: "Enter an email address." })
  .trim()
  .min(3, "Enter an email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address." }))
  .transform(normalizeEmail);
