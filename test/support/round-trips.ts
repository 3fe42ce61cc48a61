// Counts the statements a piece of code sends to the database (each is one round trip): the
// driver's client (PGlite, pg's Pool or Neon's) is what every drizzle query goes through.
import { vi } from "vitest";
import type { Database } from "@/db/client";

export async function roundTrips<T>(db: Database, run: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const client = (db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
  const spy = vi.spyOn(client, "query");
  try {
    const result = await run();
    return { result, statements: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}
