import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import type { TestDatabase } from "../support/db";
import { startHarness } from "../support/harness";

let t: TestDatabase;
beforeAll(async () => {
  const h = await startHarness({});
  t = h.t;
  return h.close;
});

describe("migrations", () => {
  it("create every table of the product", async () => {
    const res = await t.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
    const names = (res as unknown as { rows: { table_name: string }[] }).rows.map((r) => r.table_name);
    expect(names).toEqual(
      expect.arrayContaining([
        "users",
        "accounts",
        "sessions",
        "verification_tokens",
        "videos",
        "upload_parts",
        "shares",
        "share_events",
        "email_outbox",
        "email_suppressions",
        "dev_mailbox",
        "rate_limits",
        "audit_log",
      ]),
    );
  });

  it("enforce unique emails and the role enum", async () => {
    await t.db.insert(users).values({ email: "dup@example.com" });
    await expect(t.db.insert(users).values({ email: "dup@example.com" })).rejects.toThrow();
    await expect(t.db.execute(sql`insert into users (id, email, role) values ('x', 'r@example.com', 'root')`)).rejects.toThrow();
    const [u] = await t.db
      .select()
      .from(users)
      .where(sql`${users.email} = 'dup@example.com'`);
    expect(u.role).toBe("student");
  });
});
