// Lambda run by the CronV2 in sst.config.ts: asks the site to run its retention
// + outbox sweep (the site holds the database and storage access).
import { getSweepConfig } from "../lib/config";

export async function handler() {
  const { siteUrl, cronSecret } = getSweepConfig();
  const res = await fetch(`${siteUrl}/api/cron/sweep`, { method: "POST", headers: { authorization: `Bearer ${cronSecret}` } });
  const body = await res.text();
  if (!res.ok) throw new Error(`sweep answered ${res.status}: ${body}`);
  const result = JSON.parse(body);
  // One JSON line the OutboxFailed metric filter reads (sst.config.ts → alarms).
  console.log(JSON.stringify({ outboxFailed: Number(result?.outbox?.failed ?? 0) }));
  return result;
}
