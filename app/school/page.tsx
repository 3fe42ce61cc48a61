import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { AuditTable } from "@/components/audit-table";
import { SchoolRulesForm, SchoolTrainers, InviteTrainerForm } from "@/components/school/school-admin-forms";
import { recentAudit } from "@/lib/audit";
import { schoolTrainers } from "@/lib/auth/admin";
import { requireSchoolAdmin } from "@/lib/auth/session";
import { appContext } from "@/lib/context";
import { formatDay, isLocale } from "@/lib/i18n/locales";
import { schoolSessions } from "@/lib/riding-sessions";
import { ownSchool, schoolRules } from "@/lib/schools";
import { shareActivity } from "@/lib/shares";

export async function generateMetadata() {
  return { title: (await getTranslations("schoolAdmin"))("metaTitle") };
}

// What a school admin runs: the school's trainers, its rules, every session of the school and its log.
export default async function SchoolPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const admin = await requireSchoolAdmin();
  const t = await getTranslations("schoolAdmin");
  const locale = await getLocale();
  const ctx = await appContext();
  const { page } = await searchParams;
  const school = await ownSchool(ctx.db, admin);
  const [trainers, sessions, log] = await Promise.all([
    schoolTrainers(ctx.db, admin),
    schoolSessions(ctx.db, admin, { page: Number(page) || 1 }),
    recentAudit(ctx.db, { schoolId: school.id, limit: 50 }),
  ]);
  const activity = await shareActivity(
    ctx.db,
    sessions.sessions.flatMap((s) => s.shares),
  );
  const rules = schoolRules(school, ctx.config);
  return (
    <main className="mx-auto max-w-5xl space-y-8 px-4 py-8">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold">{school.name}</h1>
        <span className="flex flex-wrap gap-4">
          <Link href="/school/identity" className="underline">
            {t("identityLink")}
          </Link>
          {admin.role === "admin" && (
            <>
              <Link href="/admin/schools" className="underline">
                {t("allSchoolsLink")}
              </Link>
              <Link href="/admin/audit" className="underline">
                {t("serverLogLink")}
              </Link>
            </>
          )}
        </span>
      </div>

      <section aria-labelledby="trainers" className="space-y-3">
        <h2 id="trainers" className="text-lg font-semibold">
          {t("trainersTitle")}
        </h2>
        <SchoolTrainers
          me={admin.id}
          trainers={trainers.map((tr) => ({
            id: tr.id,
            email: tr.email,
            name: tr.name,
            schoolAdmin: tr.schoolAdmin,
            deactivated: !!tr.deactivatedAt,
          }))}
        />
        <h3 className="font-semibold">{t("inviteTitle")}</h3>
        <InviteTrainerForm />
      </section>

      <section aria-labelledby="rules" className="space-y-3">
        <h2 id="rules" className="text-lg font-semibold">
          {t("rulesTitle")}
        </h2>
        <SchoolRulesForm
          maxRetentionDays={Math.max(ctx.config.maxRetentionDays, ctx.config.retentionDays)}
          rules={{ defaultLanguage: isLocale(school.defaultLanguage) ? school.defaultLanguage : "en", ...rules }}
        />
      </section>

      <section aria-labelledby="sessions" className="space-y-3">
        <h2 id="sessions" className="text-lg font-semibold">
          {t("sessionsTitle", { count: sessions.total })}
        </h2>
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b text-zinc-600">
              <th className="py-2">{t("date")}</th>
              <th>{t("session")}</th>
              <th>{t("trainer")}</th>
              <th>{t("videos")}</th>
              <th>{t("students")}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.sessions.map((s) => {
              const emailed = s.shares.filter((sh) => activity.get(sh.id)?.email.state === "sent").length;
              const watched = s.shares.filter((sh) => activity.get(sh.id)?.watched || activity.get(sh.id)?.downloaded).length;
              return (
                <tr key={s.session.id} className="border-b align-top" data-testid="school-session">
                  <td className="whitespace-nowrap py-1 pr-3">{formatDay(locale, s.session.sessionDate, "short")}</td>
                  <td className="pr-3">{s.session.title}</td>
                  <td className="pr-3">{s.trainer.name ?? s.trainer.email}</td>
                  <td className="pr-3">{s.videos.length}</td>
                  <td>{t("studentSummary", { count: s.shares.length, emailed, watched })}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {sessions.pages > 1 && (
          <nav aria-label={t("pages")} className="flex gap-3 text-sm">
            {sessions.page > 1 && <Link href={`/school?page=${sessions.page - 1}`}>{t("newer")}</Link>}
            {sessions.page < sessions.pages && <Link href={`/school?page=${sessions.page + 1}`}>{t("older")}</Link>}
          </nav>
        )}
      </section>

      <section aria-labelledby="log" className="space-y-3">
        <h2 id="log" className="text-lg font-semibold">
          {t("logTitle")}
        </h2>
        <AuditTable entries={log} />
      </section>
    </main>
  );
}
