import "server-only";
import type { AppContext } from "@/lib/context";
import { deliverOutbox } from "@/lib/email";
import { dispatchMediaJobs } from "@/lib/media/dispatch";
import { announceQuietSessions, sendDailyDigests } from "@/lib/riding-sessions";
import { sweepStorage } from "./sweep";

export async function runSweep(ctx: AppContext) {
  const storage = await sweepStorage(ctx);
  // Sessions whose upload went quiet (a closed tab): their students hear about the videos now.
  const announcedSessions = await announceQuietSessions(ctx);
  // Once a day per trainer (the day is claimed in the database, so an hourly sweep sends it once).
  const digests = await sendDailyDigests(ctx);
  const outbox = await deliverOutbox(ctx);
  // MediaConvert jobs whose submit failed (or whose event never came) go again.
  const media = await dispatchMediaJobs(ctx).catch((err) => ({ error: String(err) }));
  return { ...storage, announcedSessions, digests, outbox, media };
}
