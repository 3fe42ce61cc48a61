// Apply database migrations to DATABASE_URL (or the configured database).
// Usage: DATABASE_URL=postgres://… npm run db:migrate
import { openDatabase } from "../db/client";
import { getConfig } from "../lib/config";

const config = getConfig();
const handle = await openDatabase(config.database, { migrate: true });
console.log(`[apexshare] migrations applied (${handle.driver})`);
await handle.close();
