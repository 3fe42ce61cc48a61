import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { SharedVideo, TooManyRequests } from "@/components/shared-video";
import { appContext } from "@/lib/context";
import { clientIp, hit, POLICIES, tooManyMessage } from "@/lib/rate-limit";
import { recordShareEvent, shareByToken } from "@/lib/shares";
import { playbackFor } from "@/lib/videos";

// The token is the credential: keep it out of Referer headers and search engines.
export const metadata: Metadata = { title: "Your riding session", referrer: "no-referrer", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

export default async function StudentLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const ctx = await appContext();
  const limit = await hit(ctx.db, POLICIES.shareLookupPerIp, clientIp(await headers()));
  if (!limit.ok) return <TooManyRequests message={tooManyMessage(POLICIES.shareLookupPerIp, limit.retryAfterSeconds)} />;
  const found = await shareByToken(ctx, token);
  if (!found) notFound(); // → not-found.tsx: the same friendly page, with a 404
  const { share, video } = found;
  // Recorded after the response is sent: tracking never slows the page.
  after(() => recordShareEvent(ctx, share.id, "view").catch((e) => console.error("[apexshare] view event", e)));
  return (
    <SharedVideo shared={found} playback={await playbackFor(ctx, video)} downloadHref={`/d/${token}/download`} eventBody={{ token }} />
  );
}
