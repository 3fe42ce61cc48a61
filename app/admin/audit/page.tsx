import { getTranslations } from "next-intl/server";
import { getDb } from "@/lib/database";
import { LocalTime } from "@/components/local-time";
import { SiteHeader } from "@/components/site-header";
import { requireAdmin } from "@/lib/auth/session";
import { recentAudit } from "@/lib/audit";

export async function generateMetadata() {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage() {
  await requireAdmin();
  const entries = await recentAudit(await getDb());
  const t = await getTranslations("audit");
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-5xl px-4 py-8">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <table className="mt-4 w-full text-left text-sm">
          <thead>
            <tr className="border-b text-zinc-600">
              <th className="py-2">{t("when")}</th>
              <th>{t("who")}</th>
              <th>{t("what")}</th>
              <th>{t("subject")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className="border-b align-top" data-testid="audit-row">
                <td className="whitespace-nowrap py-1 pr-3">
                  <LocalTime at={e.at} />
                </td>
                <td className="pr-3">{e.actor ?? t("system")}</td>
                <td className="pr-3">{e.action}</td>
                <td className="break-all text-zinc-600">
                  {e.subjectType}:{e.subjectId} {e.details ? JSON.stringify(e.details) : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </main>
    </>
  );
}
