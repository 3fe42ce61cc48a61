// Admin invites: an admin creates a trainer account and hands over the
// one-time password (the trainer can also sign in by magic link). Only an admin
// with two-step sign-in on may invite, as only such an admin may open admin pages.
import { z } from "zod";
import type { Database } from "@/db/client";
import { audit } from "@/lib/audit";
import { ApiError, parseInput } from "@/lib/http";
import { emailAddress } from "@/lib/email-address";
import { randomPassword } from "./password";
import { hasTwoFactor } from "./two-factor";
import { insertNewTrainer } from "./trainers";

export const inviteTrainerSchema = z.object({
  email: emailAddress,
  name: z.string().trim().min(1, "Enter the trainer's name.").max(120, "A name can be at most 120 characters."),
});

export async function inviteTrainer(db: Database, adminId: string, body: unknown) {
  if (!(await hasTwoFactor(db, adminId)))
    throw new ApiError(403, "Turn on two-step sign-in on your Security page first: admins need it to invite trainers.");
  const input = parseInput(inviteTrainerSchema, body);
  const password = randomPassword();
  const user = await insertNewTrainer(db, { ...input, password });
  if (!user) throw new ApiError(409, "That email address already has an account. Inviting does not change existing accounts.");
  await audit(db, { actorId: adminId, action: "trainer.invited", subjectType: "user", subjectId: user.id, details: { email: user.email } });
  return { id: user.id, email: user.email, name: user.name, password };
}
