import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ResendEverythingButton } from "@/components/share-actions";
import { StudentRows } from "@/components/share-status";
import { requireTrainer } from "@/lib/auth/session";
import { appContext } from "@/lib/context";
import { studentSessions } from "@/lib/riding-sessions";
import { progressOf, shareActivity } from "@/lib/shares";

export async function generateMetadata() {
  return { title: (await getTranslations("studentPage"))("metaTitle") };
}

export default async function StudentPage({ params }: { params: Promise<{ email: string }> }) {
  const trainer = await requireTrainer();
  const raw = (await params).email;
  let email: string;
  try {
    email = decodeURIComponent(raw).slice(0, 320).toLowerCase();
  } catch {
    notFound();
  }
  const ctx = await appContext();
  const sessions = await studentSessions(ctx.db, trainer.id, email);
  if (sessions.length === 0) notFound();
  const shares = sessions.flatMap((s) => s.shares);
  const [activity, progress] = await Promise.all([
    shareActivity(ctx.db, shares),
    progressOf(
      ctx.db,
      shares.map((s) => s.id),
    ),
  ]);
  const name = shares.find((s) => s.recipientName)?.recipientName;
  const now = ctx.now();
  const t = await getTranslations("studentPage");
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link href="/trainer" className="text-brand underline">
          {t("back")}
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">
          {name ? `${name} · ` : ""}
          {email}
        </h1>
        <ResendEverythingButton email={email} />
      </div>
      <p className="text-sm text-zinc-600">{t("count", { count: sessions.length })}</p>
      <ul className="mt-4 space-y-3">
        {sessions.map(({ session, videos, shares: own }) => (
          <li key={session.id} data-testid="student-session" className="rounded-xl border border-zinc-200 bg-white p-3">
            <h2 className="font-semibold">
              <Link href={`/trainer/sessions/${session.id}`} className="underline">
                {session.title}
              </Link>{" "}
              <span className="text-sm font-normal text-zinc-600">
                {t("summary", { date: session.sessionDate, count: videos.filter((v) => v.status === "ready").length })}
              </span>
            </h2>
            <StudentRows
              shares={own}
              activity={activity}
              now={now}
              actions={false}
              videos={videos}
              progress={progress}
              className="text-sm"
            />
          </li>
        ))}
      </ul>
    </main>
  );
}
