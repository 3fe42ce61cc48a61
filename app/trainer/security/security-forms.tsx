"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { changePasswordAction, signOutAllDevices, type SecurityFormState } from "./actions";

const input = "mt-1 block w-full rounded-lg border border-zinc-300 px-3 py-2 text-base focus:border-brand focus:outline-none";
const button = "mt-4 rounded-lg bg-brand px-4 py-2.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-60";

function Message({ state }: { state: SecurityFormState }) {
  if (state.error)
    return (
      <p role="alert" className="mt-3 text-sm text-red-700">
        {state.error}
      </p>
    );
  return state.done ? <p className="mt-3 text-sm text-green-700">{state.done}</p> : null;
}

export function SignOutAllDevicesForm() {
  const t = useTranslations("securityForms");
  return (
    <form action={signOutAllDevices} aria-label={t("signOutAll")}>
      <button type="submit" className={button}>
        {t("signOutAll")}
      </button>
    </form>
  );
}

export function ChangePasswordForm() {
  const t = useTranslations("securityForms");
  const [state, action, pending] = useActionState(changePasswordAction, {});
  return (
    <form action={action} aria-label={t("changePassword")} className="max-w-sm">
      <label className="block text-sm font-medium">
        {t("currentPassword")}
        <input name="currentPassword" type="password" autoComplete="current-password" required className={input} />
      </label>
      <label className="mt-3 block text-sm font-medium">
        {t("newPassword")}
        <input name="newPassword" type="password" autoComplete="new-password" required minLength={12} className={input} />
      </label>
      <Message state={state} />
      <button type="submit" disabled={pending} className={button}>
        {pending ? t("saving") : t("changePassword")}
      </button>
    </form>
  );
}
