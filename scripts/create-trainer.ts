// Create (or promote) a trainer account — how the first trainer exists in production.
// Usage: DATABASE_URL=postgres://… npm run trainer:create -- --email you@school.com [--name "Your Name"] [--admin]
// The password is read from TRAINER_PASSWORD, or a random one is generated and printed once.
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { getConfig } from "../lib/config";
import { emailAddress } from "../lib/email-address";
import { randomPassword } from "../lib/auth/password";
import { createTrainer } from "../lib/auth/trainers";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, admin: { type: "boolean" } } });
const email = emailAddress.safeParse(values.email ?? "");
if (!email.success) {
  console.error('Usage: npm run trainer:create -- --email you@school.com [--name "Your Name"] [--admin]');
  process.exit(2);
}
const password = process.env.TRAINER_PASSWORD || randomPassword();
if (password.length < 12) {
  console.error("TRAINER_PASSWORD must be at least 12 characters.");
  process.exit(2);
}
const handle = await openDatabase(getConfig().database, { migrate: false });
const user = await createTrainer(handle.db, { email: email.data, password, name: values.name, role: values.admin ? "admin" : "trainer" });
console.log(`[apexshare] ${user.role} ${user.email} is ready.`);
if (!process.env.TRAINER_PASSWORD) console.log(`  password: ${password}\n  (shown once — store it in your password manager)`);
await handle.close();
