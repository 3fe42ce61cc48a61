// Lambda run by the Cron in sst.config.ts: asks the site to run its retention
// + outbox sweep (the site holds the database and storage access).
import { Resource } from "sst";

export async function handler() {
  const res = await fetch(`${process.env.SITE_URL}/api/cron/sweep`, {
    method: "POST",
    headers: { authorization: `Bearer ${(Resource as unknown as { CronSecret: { value: string } }).CronSecret.value}` },
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`sweep answered ${res.status}: ${body}`);
  return JSON.parse(body);
}
