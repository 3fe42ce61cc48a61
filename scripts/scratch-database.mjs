// A throw-away database on a real PostgreSQL server, for tests, benchmarks and the
// smoke test: created empty, dropped WITH (FORCE) so connections still open do not block it.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** Runs one statement on the server's admin database (a connection per call: nothing is left open). */
async function onServer(adminUrl, statement) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * Creates `<prefix>_<random>` next to the database in `adminUrl`.
 * @param {string} adminUrl e.g. postgres://postgres@127.0.0.1:5432/postgres
 * @param {string} prefix lower-case letters, digits and _
 * @returns {Promise<{ name: string, url: string, drop: () => Promise<void> }>}
 */
export async function createScratchDatabase(adminUrl, prefix) {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await onServer(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => onServer(adminUrl, `drop database if exists ${name} with (force)`) };
}
