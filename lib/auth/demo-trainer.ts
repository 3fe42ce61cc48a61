// Local dev only: make sure a demo trainer exists so a newcomer can sign in at once.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { randomPassword } from "./password";
import { defaultSchool } from "@/lib/schools";
import { createTrainer } from "./trainers";

export const DEMO_TRAINER_EMAIL = "demo-trainer@apexshare.local";

/** Called at server start (instrumentation.ts) with the local data folder from lib/config. */
export async function ensureDemoTrainer(db: Database, dataDir: string) {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_TRAINER_EMAIL));
  const file = path.join(dataDir, "demo-trainer.json");
  if (existing) {
    console.log(`[apexshare] demo trainer: ${DEMO_TRAINER_EMAIL} (password printed on first run, also in ${file})`);
    return;
  }
  // A fresh random password every new database: there is no default credential to leak.
  const password = randomPassword();
  // An admin too (of the instance and of the demo school), so the school and admin pages can be seen locally.
  const school = await defaultSchool(db, "Demo school");
  await createTrainer(db, {
    email: DEMO_TRAINER_EMAIL,
    password,
    name: "Demo Trainer",
    role: "admin",
    schoolId: school.id,
    schoolAdmin: true,
  });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ email: DEMO_TRAINER_EMAIL, password }, null, 2), { mode: 0o600 });
  console.log(
    `\n[apexshare] Created the local demo trainer:\n    email:    ${DEMO_TRAINER_EMAIL}\n    password: ${password}\n  (also saved to ${file})\n`,
  );
}
