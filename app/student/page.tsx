import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDay } from "@/lib/i18n/locales";
import { LocalTime } from "@/components/local-time";
import { SchoolHeader } from "@/components/school-header";
import { schoolLogoPath } from "@/lib/schools/logo-rules";
import { requireStudent } from "@/lib/auth/session";
import { appContext } from "@/lib/context";
import { sessionsForStudent, shareActivity } from "@/lib/shares";
import { thumbnailUrl } from "@/lib/videos";

export async function generateMetadata() {
  return { title: (await getTranslations("student"))("metaTitle") };
}

export default async function StudentDashboard() {
  const student = await requireStudent();
  const t = await getTranslations("student");
  const locale = await getLocale();
  const ctx = await appContext();
  const shared = await sessionsForStudent(ctx, student.email);
  // Only this student's own shares (sessionsForStudent is scoped to the address): thumbnails and what they watched.
  const [activity, thumbs] = await Promise.all([
    shareActivity(
      ctx.db,
      shared.map((s) => s.share),
    ),
    Promise.all(shared.map(({ videos }) => thumbnailUrl(ctx, videos[0]))),
  ]);
  // The schools whose sessions these are (most students have one): their name and logo head the page.
  const schools = [...new Map(shared.map(({ school }) => [school.id, school])).values()];
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      {schools.map((school) => (
        <SchoolHeader key={school.id} name={school.name} logoSrc={schoolLogoPath(school)} />
      ))}
      <h1 className="text-2xl font-bold">{t("yourVideos")}</h1>
      {shared.length === 0 ? (
        <p className="mt-2 text-zinc-700">{t("none", { email: student.email })}</p>
      ) : (
        <ul className="mt-4 space-y-3">
          {shared.map(({ share, session, videos, trainer }, i) => {
            const watched = activity.get(share.id)?.watched ?? null;
            return (
              <li key={share.id} data-testid="student-video" className="flex gap-4 rounded-xl border border-zinc-200 bg-white p-3">
                <div className="h-20 w-32 shrink-0 overflow-hidden rounded-lg bg-zinc-200">
                  {thumbs[i] && (
                    // eslint-disable-next-line @next/next/no-img-element
                    <img
                      src={thumbs[i]}
                      alt=""
                      className="h-full w-full object-cover"
                      width={128}
                      height={80}
                      data-testid="student-thumb"
                    />
                  )}
                </div>
                <div className="min-w-0">
                  <Link href={`/student/videos/${share.id}`} className="font-semibold text-brand-dark underline">
                    {session.title}
                  </Link>
                  <p className="text-sm text-zinc-700">
                    {t("summary", {
                      date: formatDay(locale, session.sessionDate),
                      trainer: trainer.name ?? trainer.email,
                      count: videos.length,
                    })}
                  </p>
                  <p className="truncate text-sm text-zinc-700">{videos.map((v) => v.title).join(" · ")}</p>
                  <p className="text-sm text-zinc-700">
                    {watched ? (
                      <span className="font-medium text-green-800" data-testid="student-watched">
                        {t("watched")}
                      </span>
                    ) : (
                      <span data-testid="student-not-watched">{t("notWatched")}</span>
                    )}{" "}
                    · {t.rich("availableUntil", { time: () => <LocalTime at={share.expiresAt} /> })}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}
