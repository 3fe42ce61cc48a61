import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SignOutButton } from "@/components/sign-in-forms";
import { SiteHeader } from "@/components/site-header";
import { requireStudent } from "@/lib/auth/session";

// The header of every signed-in student page (the personal /d/ links have none: no account needed).
export default async function StudentLayout({ children }: { children: React.ReactNode }) {
  const student = await requireStudent();
  const t = await getTranslations("student");
  return (
    <>
      <SiteHeader>
        <Link href="/student" className="text-zinc-700 underline">
          {t("yourVideos")}
        </Link>
        <span className="hidden text-zinc-600 sm:inline">{student.email}</span>
        <SignOutButton />
      </SiteHeader>
      {children}
    </>
  );
}
