"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { confirmTwoFactorAction, disableTwoFactorAction, startTwoFactorAction } from "./actions";

const input = "mt-1 block w-full rounded-lg border border-zinc-300 px-3 py-2 text-base focus:border-brand focus:outline-none";
const button = "mt-4 rounded-lg bg-brand px-4 py-2.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-60";

function Alert({ error }: { error?: string }) {
  return error ? (
    <p role="alert" className="mt-3 text-sm text-red-700">
      {error}
    </p>
  ) : null;
}

export function StartTwoFactorForm() {
  const t = useTranslations("securityForms");
  return (
    <form action={startTwoFactorAction} aria-label={t("setUp")}>
      <button type="submit" className={button}>
        {t("setUp")}
      </button>
    </form>
  );
}

/** The first code from the app turns the factor on; the recovery codes are shown here, once. */
export function ConfirmTwoFactorForm() {
  const t = useTranslations("securityForms");
  const [state, action, pending] = useActionState(confirmTwoFactorAction, {});
  if (state.recoveryCodes)
    return (
      <div className="mt-4 rounded-lg border border-green-200 bg-green-50 p-4">
        <p className="font-semibold text-green-800">Two-step sign-in is on.</p>
        <p className="mt-1 text-sm text-zinc-700">{t("saveCodes")}</p>
        <ul className="mt-3 grid grid-cols-2 gap-1 font-mono text-sm" aria-label={t("recoveryCodes")}>
          {state.recoveryCodes.map((c) => (
            <li key={c} data-testid="recovery-code">
              {c}
            </li>
          ))}
        </ul>
        <a href="/trainer/security" className={`${button} inline-block`}>
          {t("saved")}
        </a>
      </div>
    );
  return (
    <form action={action} aria-label={t("confirm")} className="max-w-sm">
      <label className="mt-3 block text-sm font-medium">
        {t("codeFromApp")}
        <input name="code" required autoComplete="one-time-code" inputMode="numeric" maxLength={10} className={input} />
      </label>
      <Alert error={state.error} />
      <button type="submit" disabled={pending} className={button}>
        {pending ? t("checking") : t("turnOn")}
      </button>
    </form>
  );
}

export function DisableTwoFactorForm() {
  const t = useTranslations("securityForms");
  const [state, action, pending] = useActionState(disableTwoFactorAction, {});
  return (
    <form action={action} aria-label={t("turnOff")} className="max-w-sm">
      <label className="mt-3 block text-sm font-medium">
        {t("codeOrRecovery")}
        <input name="code" autoComplete="one-time-code" maxLength={64} className={input} />
      </label>
      <label className="mt-3 block text-sm font-medium">
        {t("orPassword")}
        <input name="password" type="password" autoComplete="current-password" className={input} />
      </label>
      <Alert error={state.error} />
      {state.done && <p className="mt-3 text-sm text-green-700">{state.done}</p>}
      <button type="submit" disabled={pending} className={button}>
        {pending ? t("turningOff") : t("turnOff")}
      </button>
    </form>
  );
}
