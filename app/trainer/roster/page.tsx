import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CreateGroupForm, GroupList } from "@/components/roster/roster-groups";
import { RosterImport } from "@/components/roster/roster-import";
import { AddStudentForm, StudentTable } from "@/components/roster/roster-students";
import { requireTrainer } from "@/lib/auth/session";
import { getDb } from "@/lib/database";
import { listGroups, listStudents } from "@/lib/roster";

export async function generateMetadata() {
  return { title: (await getTranslations("roster"))("title") };
}

// The school's roster: every trainer of the school manages the same list.
export default async function RosterPage() {
  const trainer = await requireTrainer();
  // A platform admin outside any school has no roster.
  if (!trainer.schoolId) notFound();
  const t = await getTranslations("roster");
  const db = await getDb();
  const [students, groups] = await Promise.all([listStudents(db, trainer), listGroups(db, trainer)]);
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-zinc-700">{t("intro")}</p>
      <section className="mt-6" aria-labelledby="roster-students">
        <h2 id="roster-students" className="sr-only">
          {t("title")}
        </h2>
        <StudentTable students={students} groups={groups} />
      </section>
      <section className="mt-8 rounded-xl border border-zinc-200 bg-white p-5" aria-labelledby="roster-add">
        <h2 id="roster-add" className="text-lg font-semibold">
          {t("addHeading")}
        </h2>
        <AddStudentForm />
      </section>
      <section className="mt-8 rounded-xl border border-zinc-200 bg-white p-5" aria-labelledby="roster-groups">
        <h2 id="roster-groups" className="text-lg font-semibold">
          {t("groupsHeading")}
        </h2>
        <p className="mt-1 text-sm text-zinc-700">{t("groupsIntro")}</p>
        <CreateGroupForm />
        <GroupList groups={groups} students={students} />
      </section>
      <section className="mt-8 rounded-xl border border-zinc-200 bg-white p-5" aria-labelledby="roster-import">
        <h2 id="roster-import" className="text-lg font-semibold">
          {t("importHeading")}
        </h2>
        <RosterImport />
      </section>
    </main>
  );
}
