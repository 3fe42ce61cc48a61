import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { TrainerCoaching } from "@/components/coaching/trainer-coaching";
import { requireTrainer } from "@/lib/auth/session";
import { sessionDateOf, trainerCoaching } from "@/lib/coaching";
import { appContext } from "@/lib/context";
import { ApiError } from "@/lib/http";
import { ownedVideo, playbackFor } from "@/lib/videos";

export async function generateMetadata() {
  return { title: (await getTranslations("watchPage"))("metaTitle"), referrer: "no-referrer" as const };
}

export default async function TrainerVideoPage({ params }: { params: Promise<{ id: string }> }) {
  const trainer = await requireTrainer();
  const { id } = await params;
  const ctx = await appContext();
  const video = await ownedVideo(ctx.db, trainer.id, id).catch((err) => {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  });
  if (video.status !== "ready") notFound();
  const [playback, coaching] = await Promise.all([playbackFor(ctx, video), trainerCoaching(ctx.db, video)]);
  const { chapters: _chapters, ...player } = playback;
  const t = await getTranslations("watchPage");
  return (
    <main className="mx-auto max-w-6xl px-3 py-4 sm:px-4 sm:py-8">
      <Link href="/trainer" className="text-sm text-brand underline">
        {t("back")}
      </Link>
      <h1 className="mt-2 text-xl font-bold sm:text-2xl">{video.title}</h1>
      <p className="mb-4 text-zinc-700">{t("intro", { date: await sessionDateOf(ctx.db, video) })}</p>
      <TrainerCoaching
        videoId={video.id}
        player={{ ...player, downloadHref: "", eventBody: { videoId: video.id } }}
        notes={coaching.notes}
        questions={coaching.questions}
        students={coaching.students}
        hilights={coaching.hilights}
      />
    </main>
  );
}
