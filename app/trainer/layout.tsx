import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SignOutButton } from "@/components/sign-in-forms";
import { SiteHeader } from "@/components/site-header";
import { UploadStatus } from "@/components/uploader/upload-status";
import { requireTrainer } from "@/lib/auth/session";

// The header of every trainer page. Pages still call requireTrainer() themselves:
// a layout and its page render in parallel, so the layout is no guard.
export default async function TrainerLayout({ children }: { children: React.ReactNode }) {
  const trainer = await requireTrainer();
  const t = await getTranslations("trainer");
  return (
    <>
      <SiteHeader>
        <Link href="/trainer" className="text-zinc-700 underline">
          {t("dashboard")}
        </Link>
        <Link href="/trainer/roster" className="text-zinc-700 underline">
          {(await getTranslations("roster"))("nav")}
        </Link>
        {trainer.schoolAdmin && (
          <Link href="/school" className="text-zinc-700 underline">
            {(await getTranslations("schoolAdmin"))("schoolLink")}
          </Link>
        )}
        <Link href="/trainer/security" className="text-zinc-700 underline">
          {t("security")}
        </Link>
        <span className="hidden text-zinc-600 sm:inline">{trainer.email}</span>
        <SignOutButton />
      </SiteHeader>
      <UploadStatus />
      {children}
    </>
  );
}
