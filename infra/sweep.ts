// Lambda run by the CronV2 in sst.config.ts (hourly): asks the site to run its retention + outbox
// sweep (the site holds the database and storage access) — but only when there is work: once a
// day, or when the outbox has a message due (lib/retention/schedule). It runs outside the VPC and
// reads that from two small objects in the video bucket, so an idle school's Aurora stays paused.
import { getSweepConfig, type SweepConfig } from "../lib/config";
import { parseSignal, sweepReason, type SweepReason } from "../lib/retention/schedule";
import { Storage } from "../lib/storage/s3";
import { LAST_FULL_SWEEP_KEY, OUTBOX_DUE_KEY } from "../lib/storage/signals";

export async function handler() {
  const config = getSweepConfig();
  const now = new Date();
  const storage = config.s3 ? new Storage(config.s3) : undefined;
  const reason: SweepReason | null = storage ? await reasonFromSignals(storage, now) : "daily";
  if (!reason) {
    // One JSON line the OutboxFailed metric filter reads (sst.config.ts → alarms).
    console.log(JSON.stringify({ outboxFailed: 0, skipped: "nothing due: the database sleeps on" }));
    return { skipped: true };
  }
  const result = await runSiteSweep(config);
  await storage?.putText(LAST_FULL_SWEEP_KEY, now.toISOString());
  return { reason, ...result };
}

async function reasonFromSignals(storage: Storage, now: Date): Promise<SweepReason | null> {
  try {
    const [due, last] = await Promise.all([storage.getText(OUTBOX_DUE_KEY), storage.getText(LAST_FULL_SWEEP_KEY)]);
    return sweepReason(now, { outboxDue: parseSignal(due), lastFullSweep: parseSignal(last) });
  } catch (err) {
    console.warn("[apexshare] sweep signals unreadable, sweeping anyway:", String(err));
    return "signals-unreadable";
  }
}

/** POSTs the site's sweep route; while a paused Aurora resumes the site answers 503 + Retry-After: wait and ask again. */
export async function runSiteSweep({ siteUrl, cronSecret }: Pick<SweepConfig, "siteUrl" | "cronSecret">, attempts = 12) {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${siteUrl}/api/cron/sweep`, { method: "POST", headers: { authorization: `Bearer ${cronSecret}` } });
    const body = await res.text();
    if (res.status === 503 && attempt < attempts) {
      const seconds = Math.min(Number(res.headers.get("retry-after")) || 5, 30);
      await new Promise((r) => setTimeout(r, seconds * 1000));
      continue;
    }
    if (!res.ok) throw new Error(`sweep answered ${res.status}: ${body}`);
    const result = JSON.parse(body);
    console.log(JSON.stringify({ outboxFailed: Number(result?.outbox?.failed ?? 0) }));
    return result;
  }
}
