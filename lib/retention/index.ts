import "server-only";
import { getDb } from "@/db/client";
import { deliverOutbox } from "@/lib/email";
import { getStorage } from "@/lib/storage";
import { sweepStorage } from "./sweep";

export { sweepStorage } from "./sweep";

export async function runSweep() {
  const storage = await sweepStorage(await getDb(), getStorage());
  const outbox = await deliverOutbox();
  return { ...storage, outbox };
}
