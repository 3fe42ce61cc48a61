import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { getDb } from "@/lib/database";
import { getStorage, type Storage } from "@/lib/storage";

export interface Health {
  ok: boolean;
  database: "ok" | "unreachable";
  storage: "ok" | "unreachable";
}

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms))]);

const probe = (what: string, p: () => Promise<unknown>) =>
  withTimeout(Promise.resolve().then(p), 3000).then(
    () => "ok" as const,
    (err) => (console.warn(`[apexshare] health: ${what} unreachable:`, String(err)), "unreachable" as const),
  );

export async function probeHealth(db: () => Promise<Database>, storage: () => Storage): Promise<Health> {
  const [database, store] = await Promise.all([
    probe("database", async () => (await db()).execute(sql`select 1`)),
    probe("storage", () => storage().ping()),
  ]);
  return { ok: database === "ok" && store === "ok", database, storage: store };
}

export const checkHealth = () => probeHealth(getDb, getStorage);
