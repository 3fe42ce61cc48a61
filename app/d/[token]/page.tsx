import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import { StudentCoaching } from "@/components/coaching/student-coaching";
import { SharedVideo } from "@/components/shared-video";
import { studentCoaching, viewerOfShare } from "@/lib/coaching";
import { appContext } from "@/lib/context";
import { MESSAGES, studentPageLocale } from "@/lib/i18n";
import { pickVideo, recordShareEvent, sessionByToken } from "@/lib/shares";
import { playbackFor } from "@/lib/videos";

// The token is the credential: keep it out of Referer headers and search engines.
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("link"))("metaTitle"), referrer: "no-referrer", robots: { index: false, follow: false } };
}
export const dynamic = "force-dynamic";

export default async function StudentLinkPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ v?: string }>;
}) {
  const { token } = await params;
  const { v } = await searchParams;
  const ctx = await appContext();
  // The per-network limit was counted in proxy.ts (over it: a 429 page before we get here).
  const found = await sessionByToken(ctx, token);
  if (!found) notFound(); // → not-found.tsx: the same friendly page, with a 404
  const video = pickVideo(found, v);
  // The language the trainer chose for this student, whatever this browser reads (else the browser's, else the school's).
  const locale = studentPageLocale(found.share.language, (await headers()).get("accept-language"), found.school.defaultLanguage);
  // Recorded after the response is sent: tracking never slows the page.
  after(() => recordShareEvent(ctx, found.share.id, "view", video.id).catch((e) => console.error("[apexshare] view event", e)));
  const [playback, coaching] = await Promise.all([
    playbackFor(ctx, video),
    studentCoaching(ctx.db, viewerOfShare({ share: found.share, video })),
  ]);
  return (
    <NextIntlClientProvider locale={locale} messages={MESSAGES[locale]}>
      <StudentCoaching data={{ ...coaching, credential: { token, videoId: video.id }, durationSeconds: playback.durationSeconds }}>
        <SharedVideo shared={found} video={video} playback={playback} basePath={`/d/${token}`} eventBody={{ token }} locale={locale} />
      </StudentCoaching>
    </NextIntlClientProvider>
  );
}
