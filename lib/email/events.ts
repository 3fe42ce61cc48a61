// SES bounce and complaint reports, delivered by SNS to our webhook. A
// permanent bounce or a complaint puts the address on the suppression list:
// the outbox stops emailing it and the trainer sees why.
import { z } from "zod";
import { emailSuppressions } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { normalizeEmail } from "@/lib/email-address";

const snsEnvelope = z.object({
  Type: z.enum(["Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation"]),
  Message: z.string().optional(),
  SubscribeURL: z.string().optional(),
});

const sesEvent = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  bounce: z.object({ bounceType: z.string(), bouncedRecipients: z.array(z.object({ emailAddress: z.string() })) }).optional(),
  complaint: z.object({ complainedRecipients: z.array(z.object({ emailAddress: z.string() })) }).optional(),
});

export type SesEventOutcome =
  | { kind: "confirm"; subscribeUrl: string }
  | { kind: "suppressed"; emails: string[]; reason: "bounce" | "complaint" }
  | { kind: "ignored"; why: string };

/** Only SNS's own hosts may be fetched to confirm a subscription. */
export function isSnsUrl(url: string) {
  try {
    const u = new URL(url);
    return u.protocol === "https:" && /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(u.hostname);
  } catch {
    return false;
  }
}

export async function handleSesEvent(ctx: Pick<AppContext, "db" | "now">, body: unknown): Promise<SesEventOutcome> {
  const env = snsEnvelope.safeParse(body);
  // Accept both SNS envelopes and a raw SES event (e.g. EventBridge or tests).
  let event: unknown = body;
  if (env.success) {
    if (env.data.Type === "SubscriptionConfirmation") {
      if (!env.data.SubscribeURL || !isSnsUrl(env.data.SubscribeURL)) return { kind: "ignored", why: "subscription URL is not an SNS URL" };
      return { kind: "confirm", subscribeUrl: env.data.SubscribeURL };
    }
    if (env.data.Type !== "Notification" || !env.data.Message) return { kind: "ignored", why: env.data.Type };
    try {
      event = JSON.parse(env.data.Message);
    } catch {
      return { kind: "ignored", why: "message is not JSON" };
    }
  }
  const e = sesEvent.safeParse(event);
  if (!e.success) return { kind: "ignored", why: "not an SES event" };
  const type = e.data.eventType ?? e.data.notificationType;
  let emails: string[];
  let reason: "bounce" | "complaint";
  if (type === "Bounce" && e.data.bounce) {
    // Transient bounces (mailbox full, …) are retried by SES; only permanent ones stop us.
    if (e.data.bounce.bounceType !== "Permanent") return { kind: "ignored", why: "transient bounce" };
    emails = e.data.bounce.bouncedRecipients.map((r) => r.emailAddress);
    reason = "bounce";
  } else if (type === "Complaint" && e.data.complaint) {
    emails = e.data.complaint.complainedRecipients.map((r) => r.emailAddress);
    reason = "complaint";
  } else return { kind: "ignored", why: `event ${type ?? "unknown"}` };
  emails = [...new Set(emails.map(normalizeEmail))].filter(Boolean);
  const now = ctx.now();
  for (const email of emails) {
    await ctx.db
      .insert(emailSuppressions)
      .values({ email, reason, at: now })
      .onConflictDoUpdate({ target: emailSuppressions.email, set: { reason, at: now } });
  }
  return { kind: "suppressed", emails, reason };
}
