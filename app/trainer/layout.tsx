import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SignOutButton } from "@/components/sign-in-forms";
import { SiteHeader } from "@/components/site-header";
import { UploadStatus } from "@/components/uploader/upload-status";
import { requireTrainer } from "@/lib/auth/session";

// The header of every trainer page. Pages still call requireTrainer() themselves:
// a layout and its page render in parallel, so the layout is no guard.
// No prefetch: every page here is rendered per trainer on demand, so a prefetch is a server render (a Lambda
// invocation and a session check) per link per page view — four of them during every upload (bench/upload.mjs).
// A click renders the page once, as a prefetch would have.
export default async function TrainerLayout({ children }: { children: React.ReactNode }) {
  const trainer = await requireTrainer();
  const t = await getTranslations("trainer");
  return (
    <>
      <SiteHeader>
        <Link href="/trainer" prefetch={false} className="text-zinc-700 underline">
          {t("dashboard")}
        </Link>
        <Link href="/trainer/roster" prefetch={false} className="text-zinc-700 underline">
          {(await getTranslations("roster"))("nav")}
        </Link>
        {trainer.schoolAdmin && (
          <Link href="/school" prefetch={false} className="text-zinc-700 underline">
            {(await getTranslations("schoolAdmin"))("schoolLink")}
          </Link>
        )}
        <Link href="/trainer/security" prefetch={false} className="text-zinc-700 underline">
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
