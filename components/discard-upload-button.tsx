"use client";
import { useTranslations } from "next-intl";
import { ConfirmedDeleteButton } from "./api-action";

export function DiscardUploadButton({ videoId, title }: { videoId: string; title: string }) {
  const t = useTranslations("unfinished");
  return <ConfirmedDeleteButton url={`/api/uploads/${videoId}`} label={t("discard")} question={t("discardQuestion", { title })} />;
}
