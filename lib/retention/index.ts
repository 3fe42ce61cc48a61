import "server-only";
import type { AppContext } from "@/lib/context";
import { deliverOutbox } from "@/lib/email";
import { sweepStorage } from "./sweep";

export async function runSweep(ctx: AppContext) {
  const storage = await sweepStorage(ctx);
  const outbox = await deliverOutbox(ctx);
  return { ...storage, outbox };
}
