"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/database";
import { getConfig } from "@/lib/config";
import { signOut } from "@/lib/auth";
import { changePassword, signOutEverywhere } from "@/lib/auth/accounts";
import { requireTrainer } from "@/lib/auth/session";
import { confirmEnrolment, disableTwoFactor, startEnrolment } from "@/lib/auth/two-factor";
import { ApiError } from "@/lib/http";

export interface SecurityFormState {
  error?: string;
  done?: string;
}

/** Ends every session of this trainer, this browser's included. */
export async function signOutAllDevices() {
  const trainer = await requireTrainer();
  await signOutEverywhere(await getDb(), trainer.id);
  await signOut({ redirectTo: "/signin" });
}

export async function changePasswordAction(_prev: SecurityFormState, form: FormData): Promise<SecurityFormState> {
  const trainer = await requireTrainer();
  try {
    await changePassword(await getDb(), trainer.id, { currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") });
  } catch (err) {
    if (err instanceof ApiError) return { error: err.message };
    throw err;
  }
  // The change ended every session, this one too: sign in again with the new password.
  await signOut({ redirectTo: "/signin" });
  return {};
}

/** Starts enrolment: a new secret the page shows (QR + text) until a code confirms it. */
export async function startTwoFactorAction() {
  const trainer = await requireTrainer();
  await startEnrolment(await getDb(), trainer.id, getConfig().authSecret);
  revalidatePath("/trainer/security");
}

export interface EnrolState extends SecurityFormState {
  recoveryCodes?: string[];
}

export async function confirmTwoFactorAction(_prev: EnrolState, form: FormData): Promise<EnrolState> {
  const trainer = await requireTrainer();
  try {
    // Not revalidated: the page would re-render as "on" and drop the codes before they are saved.
    return { recoveryCodes: await confirmEnrolment(await getDb(), trainer.id, { code: form.get("code") ?? "" }, getConfig().authSecret) };
  } catch (err) {
    if (err instanceof ApiError) return { error: err.message };
    throw err;
  }
}

export async function disableTwoFactorAction(_prev: SecurityFormState, form: FormData): Promise<SecurityFormState> {
  const trainer = await requireTrainer();
  try {
    await disableTwoFactor(
      await getDb(),
      trainer.id,
      { code: form.get("code") || undefined, password: form.get("password") || undefined },
      getConfig().authSecret,
    );
  } catch (err) {
    if (err instanceof ApiError) return { error: err.message };
    throw err;
  }
  revalidatePath("/trainer/security");
  return { done: "Two-step sign-in is off." };
}
