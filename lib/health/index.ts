import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getStorage } from "@/lib/storage";

export interface Health {
  ok: boolean;
  database: "ok" | "unreachable";
  storage: "ok" | "unreachable";
}

const withTimeout = <T,>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms))]);

export async function checkHealth(): Promise<Health> {
  const [database, storage] = await Promise.all([
    withTimeout(
      getDb().then((db) => db.execute(sql`select 1`)),
      3000,
    ).then(
      () => "ok" as const,
      (err) => (console.warn("[apexshare] health: database", String(err)), "unreachable" as const),
    ),
    withTimeout(getStorage().ping(), 3000).then(
      () => "ok" as const,
      (err) => (console.warn("[apexshare] health: storage", String(err)), "unreachable" as const),
    ),
  ]);
  return { ok: database === "ok" && storage === "ok", database, storage };
}
