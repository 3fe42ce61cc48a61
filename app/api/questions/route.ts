// POST /api/questions – a student asks their trainer a question pinned to a moment of the video (by link token or signed in)
import { after, NextResponse } from "next/server";
import { z } from "zod";
import { currentUser } from "@/lib/auth/session";
import { askQuestion } from "@/lib/coaching";
import { questionInput } from "@/lib/coaching/rules";
import { appContext } from "@/lib/context";
import { deliverOutbox } from "@/lib/email";
import { handle, parseJson } from "@/lib/http";
import { clientIp, enforce, POLICIES } from "@/lib/rate-limit";

const body = z.union([
  questionInput.safeExtend({ token: z.string().max(200), videoId: z.string().max(100) }),
  questionInput.safeExtend({ shareId: z.string().max(100), videoId: z.string().max(100) }),
]);

export const POST = handle(async (req) => {
  const { atSeconds, text, videoId, ...who } = await parseJson(req, body, 8192);
  const ctx = await appContext();
  await enforce(ctx.db, POLICIES.shareLookupPerIp, clientIp(req.headers));
  const cred =
    "token" in who ? { token: who.token, videoId } : { shareId: who.shareId, signedInEmail: (await currentUser())?.email ?? null, videoId };
  const question = await askQuestion(ctx, cred, { atSeconds, text });
  after(() => deliverOutbox(ctx).catch((err) => console.error("[apexshare] outbox delivery failed", err)));
  return NextResponse.json({ question: { id: question.id, atSeconds: question.atSeconds, text: question.text } }, { status: 201 });
});
