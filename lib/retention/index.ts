import "server-only";
import type { AppContext } from "@/lib/context";
import { deliverOutbox } from "@/lib/email";
import { dispatchMediaJobs } from "@/lib/media/dispatch";
import { sweepStorage } from "./sweep";

export async function runSweep(ctx: AppContext) {
  const storage = await sweepStorage(ctx);
  const outbox = await deliverOutbox(ctx);
  // MediaConvert jobs whose submit failed (or whose event never came) go again.
  const media = await dispatchMediaJobs(ctx).catch((err) => ({ error: String(err) }));
  return { ...storage, outbox, media };
}
