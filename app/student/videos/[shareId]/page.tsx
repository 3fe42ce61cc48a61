import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { StudentCoaching } from "@/components/coaching/student-coaching";
import { SharedVideo } from "@/components/shared-video";
import { studentCoaching, viewerOfShare } from "@/lib/coaching";
import { requireStudent } from "@/lib/auth/session";
import { appContext } from "@/lib/context";
import { pickVideo, recordShareEvent, sessionForStudent } from "@/lib/shares";
import { playbackFor } from "@/lib/videos";

export async function generateMetadata() {
  return { title: (await getTranslations("link"))("metaTitle"), referrer: "no-referrer" as const };
}

export default async function StudentSessionPage({
  params,
  searchParams,
}: {
  params: Promise<{ shareId: string }>;
  searchParams: Promise<{ v?: string }>;
}) {
  const student = await requireStudent();
  const t = await getTranslations("student");
  const { shareId } = await params;
  const { v } = await searchParams;
  const ctx = await appContext();
  const found = await sessionForStudent(ctx, student.email, shareId);
  if (!found) notFound();
  const video = pickVideo(found, v);
  after(() => recordShareEvent(ctx, found.share.id, "view", video.id).catch((e) => console.error("[apexshare] view event", e)));
  const [playback, coaching] = await Promise.all([
    playbackFor(ctx, video),
    studentCoaching(ctx.db, viewerOfShare({ share: found.share, video })),
  ]);
  return (
    <>
      <nav aria-label={t("backNav")} className="mx-auto max-w-3xl px-3 pt-4 sm:px-4">
        <Link href="/student" className="text-sm font-medium text-brand-dark underline">
          {t("back")}
        </Link>
      </nav>
      <StudentCoaching
        data={{ ...coaching, credential: { shareId: found.share.id, videoId: video.id }, durationSeconds: playback.durationSeconds }}
      >
        <SharedVideo
          shared={found}
          video={video}
          playback={playback}
          basePath={`/student/videos/${found.share.id}`}
          eventBody={{ shareId: found.share.id }}
        />
      </StudentCoaching>
    </>
  );
}
