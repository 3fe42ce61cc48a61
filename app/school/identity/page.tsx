import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SchoolIdentityForm, SchoolLogoForm } from "@/components/school-identity-forms";
import { requireSchoolAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/database";
import { schoolIdentity } from "@/lib/schools/identity";
import { schoolLogoPath } from "@/lib/schools/logo-rules";

export async function generateMetadata() {
  return { title: (await getTranslations("school"))("identityMetaTitle") };
}

// The school's name, reply-to address and logo: what its students see on their emails and pages.
export default async function SchoolIdentityPage() {
  const admin = await requireSchoolAdmin();
  const school = await schoolIdentity(await getDb(), admin);
  const t = await getTranslations("school");
  return (
    <>
      <main className="mx-auto max-w-3xl px-4 py-8">
        <Link href="/school" className="text-sm font-medium text-brand-dark underline">
          {t("backToSchool")}
        </Link>
        <h1 className="mt-2 text-2xl font-bold">{t("identityTitle")}</h1>
        <p className="mt-1 text-zinc-700">{t("identityIntro")}</p>
        <SchoolIdentityForm name={school.name} replyTo={school.replyTo ?? ""} />
        <SchoolLogoForm logoSrc={schoolLogoPath(school)} />
      </main>
    </>
  );
}
