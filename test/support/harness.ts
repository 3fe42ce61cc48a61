// What an integration test file starts with: a fresh migrated database, and on request
// the local S3 server, the SES endpoint and two trainers. One call in beforeAll; its
// close() (returned to vitest from beforeAll) stops everything in reverse.
import type { User } from "@/db/schema";
import { createTrainer } from "@/lib/auth/trainers";
import { resolveConfig, type Config } from "@/lib/config";
import { openTestDatabase, type TestDatabase } from "./db";
import { startTestS3, type TestS3 } from "./s3";
import { startFakeSes, type FakeSes } from "./ses";

export interface HarnessOptions {
  s3?: boolean;
  ses?: boolean;
  /** tina (owns the test's videos) and otto (another trainer, for owner-scoping checks) */
  trainers?: boolean;
}

export type Harness<O extends HarnessOptions> = { t: TestDatabase; close(): Promise<void> } & (O["s3"] extends true
  ? { s3: TestS3 }
  : unknown) &
  (O["ses"] extends true ? { ses: FakeSes } : unknown) &
  (O["trainers"] extends true ? { tina: User; otto: User } : unknown);

export const TRAINER_PASSWORD = "correct horse battery";

/** A complete production-shaped configuration for tests that build an AppContext by hand; `env` overrides. */
export function testConfig(env: Record<string, string> = {}): Config {
  return resolveConfig({
    APP_URL: "http://localhost:3000",
    AUTH_SECRET: "x".repeat(40),
    EMAIL_WEBHOOK_SECRET: "w".repeat(20),
    CRON_SECRET: "c".repeat(20),
    UPLOAD_MAX_BYTES: String(1024 ** 3),
    UPLOAD_MIN_PART_BYTES: String(5 * 1024 * 1024),
    PART_URL_TTL_SECONDS: "900",
    RETENTION_DAYS: "30",
    ...env,
  });
}

export async function startHarness<O extends HarnessOptions>(options: O): Promise<Harness<O>> {
  const [t, s3, ses] = await Promise.all([
    openTestDatabase(),
    options.s3 ? startTestS3() : undefined,
    options.ses ? startFakeSes() : undefined,
  ]);
  if (ses) {
    // The SESv2 SDK signs its requests: any key pair will do for the local endpoint.
    process.env.AWS_ACCESS_KEY_ID = "test";
    process.env.AWS_SECRET_ACCESS_KEY = "test";
  }
  const trainers = options.trainers
    ? {
        tina: await createTrainer(t.db, { email: "tina@example.com", password: TRAINER_PASSWORD, name: "Tina Trainer" }),
        otto: await createTrainer(t.db, { email: "otto@example.com", password: TRAINER_PASSWORD, name: "Otto Other" }),
      }
    : {};
  const close = async () => {
    await ses?.close();
    await s3?.close();
    await t.close();
  };
  return { t, s3, ses, ...trainers, close } as Harness<O>;
}
