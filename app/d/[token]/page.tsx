import type { Metadata } from "next";
import { headers } from "next/headers";
import { after } from "next/server";
import { clientIp, hit, POLICIES, tooManyMessage } from "@/lib/rate-limit";
import { getDb } from "@/db/client";
import { LinkUnavailable, SharedVideo, TooManyRequests } from "@/components/shared-video";
import { MEDIA_URL_TTL_SECONDS, recordShareEvent, shareByToken } from "@/lib/shares";
import { getStorage } from "@/lib/storage";

// The token is the credential: keep it out of Referer headers and search engines.
export const metadata: Metadata = { title: "Your riding session", referrer: "no-referrer", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

export default async function StudentLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getDb();
  const limit = await hit(db, POLICIES.shareLookupPerIp, clientIp(await headers()));
  if (!limit.ok) return <TooManyRequests message={tooManyMessage(POLICIES.shareLookupPerIp, limit.retryAfterSeconds)} />;
  const found = await shareByToken(db, token);
  if (!found) return <LinkUnavailable />;
  const { share, video } = found;
  // Recorded after the response is sent: tracking never slows the page.
  after(() => recordShareEvent(db, share.id, "view").catch((e) => console.error("[apexshare] view event", e)));
  const streamUrl = await getStorage().presignGet(video.objectKey, MEDIA_URL_TTL_SECONDS);
  return <SharedVideo shared={found} streamUrl={streamUrl} downloadHref={`/d/${token}/download`} eventBody={{ token }} />;
}
