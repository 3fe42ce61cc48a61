import { getTranslations } from "next-intl/server";
import { renderSVG } from "uqr";
import { getDb } from "@/lib/database";
import { getConfig } from "@/lib/config";
import { requireTrainer } from "@/lib/auth/session";
import { twoFactorStatus } from "@/lib/auth/two-factor";
import { ChangePasswordForm, SignOutAllDevicesForm } from "./security-forms";
import { ConfirmTwoFactorForm, DisableTwoFactorForm, StartTwoFactorForm } from "./two-factor-forms";

export async function generateMetadata() {
  return { title: (await getTranslations("security"))("title") };
}

export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ required?: string }> }) {
  const trainer = await requireTrainer();
  const { required } = await searchParams;
  const t = await getTranslations("security");
  const status = await twoFactorStatus(await getDb(), trainer, getConfig().authSecret);
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {required === "admin" && !status.enabledAt && (
        <p role="alert" className="mt-4 rounded-lg border border-amber-200 bg-amber-50 p-3 text-amber-900">
          {t("adminNeeds")}
        </p>
      )}
      <section className="mt-8" aria-label={t("twoStep")}>
        <h2 className="text-lg font-semibold">{t("twoStep")}</h2>
        {status.enabledAt ? (
          <>
            <p className="mt-1 text-sm text-zinc-600" data-testid="two-factor-status">
              {t("on", { date: status.enabledAt.toISOString().slice(0, 10), left: status.recoveryCodesLeft })}
            </p>
            <DisableTwoFactorForm />
          </>
        ) : status.pending ? (
          <>
            <p className="mt-1 text-sm text-zinc-600">{t("scan")}</p>
            {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made here, nothing to optimise */}
            <img
              src={`data:image/svg+xml;base64,${Buffer.from(renderSVG(status.pending.uri)).toString("base64")}`}
              alt={t("qr")}
              width={180}
              height={180}
              className="mt-3"
            />
            <p className="mt-2 text-sm">
              {t("key")} <code data-testid="totp-secret">{status.pending.secret}</code>
            </p>
            <ConfirmTwoFactorForm />
          </>
        ) : (
          <>
            <p className="mt-1 text-sm text-zinc-600">{t("off")}</p>
            <StartTwoFactorForm />
          </>
        )}
      </section>
      <section className="mt-10">
        <h2 className="text-lg font-semibold">{t("devices")}</h2>
        <p className="mt-1 text-sm text-zinc-600">{t("devicesHelp")}</p>
        <SignOutAllDevicesForm />
      </section>
      <section className="mt-10">
        <h2 className="text-lg font-semibold">{t("password")}</h2>
        <p className="mt-1 mb-3 text-sm text-zinc-600">{t("passwordHelp")}</p>
        <ChangePasswordForm />
      </section>
    </main>
  );
}
