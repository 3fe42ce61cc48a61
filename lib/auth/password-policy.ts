// Password policy (NIST SP 800-63B): at least 12 characters, not a known common
// password, no composition rules. The list is the 49k "passwords-common"
// dictionary shipped in @zxcvbn-ts/language-common (pinned in package.json).
import { dictionary } from "@zxcvbn-ts/language-common";

export const MIN_PASSWORD_LENGTH = 12;

let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase())));

/** Null when acceptable, else a message that talks about the password only (never about the account). */
export function passwordProblem(password: string): string | null {
  const length = [...password.normalize("NFKC")].length;
  if (length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters — a few unrelated words work well.`;
  const lower = password.toLowerCase();
  // "password1234", "qwerty!!!!!!": a common password with digits or symbols tacked on is still common.
  const core = lower.replace(/[\d\W_]+$/u, "").replace(/^[\d\W_]+/u, "");
  if (commonPasswords().has(lower) || (core.length >= 4 && commonPasswords().has(core)) || new Set(lower).size < 4)
    return "That password is too common and easy to guess. Choose another.";
  return null;
}
