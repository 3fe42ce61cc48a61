import { getTranslations } from "next-intl/server";
import { NewSchoolForm } from "@/components/school/school-admin-forms";
import { SiteHeader } from "@/components/site-header";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/database";
import { allSchools } from "@/lib/schools";

export async function generateMetadata() {
  return { title: (await getTranslations("schoolAdmin"))("schoolsTitle") };
}

// The instance's operator: every school on this instance, and a new one with its first admin.
export default async function SchoolsPage() {
  await requireAdmin();
  const t = await getTranslations("schoolAdmin");
  const schools = await allSchools(await getDb());
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-5xl space-y-6 px-4 py-8">
        <h1 className="text-2xl font-bold">{t("schoolsTitle")}</h1>
        <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white">
          {schools.map((s) => (
            <li key={s.id} className="flex justify-between px-3 py-2 text-sm" data-testid="school">
              <span className="font-medium">{s.name}</span>
              <span className="text-zinc-600">{t("trainerCount", { count: s.trainers })}</span>
            </li>
          ))}
        </ul>
        <h2 className="text-lg font-semibold">{t("newSchoolTitle")}</h2>
        <NewSchoolForm />
      </main>
    </>
  );
}
