// Password policy on change: at least 12 characters, not a common password
// (from a shipped list), no composition rules; the old password keeps working
// when the new one is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changePassword } from "@/lib/auth/accounts";
import { checkPasswordSignIn } from "@/lib/auth/password-sign-in";
import { createTrainer } from "@/lib/auth/trainers";
import { openTestDatabase, type TestDatabase } from "../support/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

const OLD = "the old long passphrase";

describe("password policy", () => {
  it("refuses short and common passwords with a message about the password, accepts a long plain phrase", async () => {
    const user = await createTrainer(t.db, { email: "policy@example.com", password: OLD });
    for (const [weak, why] of [
      ["short pass", /at least 12 characters/],
      ["qwertyuiop123", /too common/],
      ["password1234", /too common/],
      ["1q2w3e4r5t6y", /too common/],
      ["aaaaaaaaaaaaaaaa", /too common/],
    ] as const)
      await expect(changePassword(t.db, user.id, { currentPassword: OLD, newPassword: weak })).rejects.toMatchObject({
        status: 400,
        message: expect.stringMatching(why),
      });
    expect(await checkPasswordSignIn(t.db, { email: user.email, password: OLD }, "192.0.2.30")).not.toBeNull();
    // No composition rules: lower-case words are fine.
    await changePassword(t.db, user.id, { currentPassword: OLD, newPassword: "orange kettle river gravel" });
    expect(await checkPasswordSignIn(t.db, { email: user.email, password: "orange kettle river gravel" }, "192.0.2.30")).not.toBeNull();
  });
});
