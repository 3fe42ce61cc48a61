// SES bounce and complaint reports: SES → SNS topic → the EmailEvents
// subscriber function (infra/email-events.ts). No public webhook: SNS invokes
// the function through IAM. A permanent bounce or a complaint puts the address
// on the suppression list: the outbox stops emailing it and the trainer sees why;
// a new bounce also emails each trainer who shared with that address.
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { emailSuppressions, ridingSessions, shares, users } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { normalizeEmail } from "@/lib/email-address";
import { emailLocale } from "@/lib/i18n";
import { enqueueNotice } from "./outbox";

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
  /** trainersTold: notices queued for trainers who shared with a newly bounced address (the subscriber has them sent now). */
  { kind: "suppressed"; emails: string[]; reason: "bounce" | "complaint"; trainersTold: number } | { kind: "ignored"; why: string };

// What Lambda receives from an SNS subscription.
const snsLambdaEvent = z.object({ Records: z.array(z.object({ Sns: z.object({ Message: z.string() }) })) });

/** The subscriber function's entry: each SNS record carries one SES event. */
export async function handleSnsEmailEvents(ctx: Pick<AppContext, "db" | "now">, event: unknown): Promise<SesEventOutcome[]> {
  const parsed = snsLambdaEvent.safeParse(event);
  if (!parsed.success) return [{ kind: "ignored", why: "not an SNS event" }];
  const out: SesEventOutcome[] = [];
  for (const record of parsed.data.Records) out.push(await handleSesEvent(ctx, { Type: "Notification", Message: record.Sns.Message }));
  return out;
}

async function tellTrainersAboutBounce(db: Database, email: string): Promise<number> {
  const rows = await db
    .select({
      trainerId: users.id,
      trainerEmail: users.email,
      trainerName: users.name,
      trainerLanguage: users.language,
      session: ridingSessions.title,
    })
    .from(shares)
    .innerJoin(ridingSessions, eq(ridingSessions.id, shares.sessionId))
    .innerJoin(users, eq(users.id, ridingSessions.trainerId))
    .where(eq(shares.recipientEmail, email));
  const byTrainer = new Map<string, typeof rows>();
  for (const r of rows) byTrainer.set(r.trainerId, [...(byTrainer.get(r.trainerId) ?? []), r]);
  for (const list of byTrainer.values())
    await enqueueNotice(db, {
      recipient: list[0].trainerEmail,
      template: "student-bounced",
      payload: {
        locale: emailLocale(list[0].trainerLanguage),
        path: `/trainer/students/${encodeURIComponent(email)}`,
        trainerName: list[0].trainerName,
        studentEmail: email,
        sessions: [...new Set(list.map((r) => r.session))].slice(0, 10),
      },
    });
  return byTrainer.size;
}

export async function handleSesEvent(ctx: Pick<AppContext, "db" | "now">, body: unknown): Promise<SesEventOutcome> {
  const env = snsEnvelope.safeParse(body);
  // Accept both SNS envelopes and a raw SES event (e.g. EventBridge or tests).
  let event: unknown = body;
  if (env.success) {
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
  let trainersTold = 0;
  for (const email of emails) {
    const [before] = await ctx.db.select().from(emailSuppressions).where(eq(emailSuppressions.email, email));
    await ctx.db
      .insert(emailSuppressions)
      .values({ email, reason, at: now })
      .onConflictDoUpdate({ target: emailSuppressions.email, set: { reason, at: now } });
    // A new bounce: every trainer who shared with this address hears at once (SNS may deliver twice: only the first time).
    if (reason === "bounce" && before?.reason !== "bounce") trainersTold += await tellTrainersAboutBounce(ctx.db, email);
  }
  return { kind: "suppressed", emails, reason, trainersTold };
}
