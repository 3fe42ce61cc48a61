// What the trainer sees per student: emailed · opened · watched · downloaded.
import { desc, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailOutbox, emailSuppressions, shareEvents } from "@/db/schema";

export type EmailState = "queued" | "sent" | "failed" | "bounced" | "complained";

export interface ShareActivity {
  email: { state: EmailState; at: Date | null; error: string | null };
  opened: Date | null;
  watched: Date | null;
  downloaded: Date | null;
  views: number;
  downloads: number;
}

export async function shareActivity(db: Database, shares: { id: string; recipientEmail: string }[]): Promise<Map<string, ShareActivity>> {
  const out = new Map<string, ShareActivity>();
  if (shares.length === 0) return out;
  const ids = shares.map((s) => s.id);
  const [events, mails, suppressed] = await Promise.all([
    db
      .select({
        shareId: shareEvents.shareId,
        kind: shareEvents.kind,
        first: sql<Date>`min(${shareEvents.at})`.mapWith((v) => new Date(v)),
        n: sql<number>`count(*)`.mapWith(Number),
      })
      .from(shareEvents)
      .where(inArray(shareEvents.shareId, ids))
      .groupBy(shareEvents.shareId, shareEvents.kind),
    db
      .select({
        shareId: emailOutbox.shareId,
        status: emailOutbox.status,
        sentAt: emailOutbox.sentAt,
        lastError: emailOutbox.lastError,
        createdAt: emailOutbox.createdAt,
      })
      .from(emailOutbox)
      .where(inArray(emailOutbox.shareId, ids))
      .orderBy(desc(emailOutbox.createdAt)),
    db
      .select()
      .from(emailSuppressions)
      .where(inArray(emailSuppressions.email, [...new Set(shares.map((s) => s.recipientEmail))])),
  ]);
  for (const s of shares) {
    const ev = (kind: string) => events.find((e) => e.shareId === s.id && e.kind === kind);
    const mail = mails.find((m) => m.shareId === s.id); // newest first
    const sup = suppressed.find((x) => x.email === s.recipientEmail);
    const email: ShareActivity["email"] = sup
      ? { state: sup.reason === "bounce" ? "bounced" : "complained", at: sup.at, error: null }
      : !mail
        ? { state: "queued", at: null, error: null }
        : mail.status === "sent"
          ? { state: "sent", at: mail.sentAt, error: null }
          : mail.status === "failed"
            ? { state: "failed", at: null, error: mail.lastError }
            : { state: "queued", at: null, error: mail.lastError };
    out.set(s.id, {
      email,
      opened: ev("view")?.first ?? null,
      watched: ev("play")?.first ?? null,
      downloaded: ev("download")?.first ?? null,
      views: ev("view")?.n ?? 0,
      downloads: ev("download")?.n ?? 0,
    });
  }
  return out;
}
