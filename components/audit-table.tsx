// The audit log as a table: the instance's (platform admin) or one school's (its admins).
import { useTranslations } from "next-intl";
import type { recentAudit } from "@/lib/audit";
import { LocalTime } from "./local-time";

export function AuditTable({ entries }: { entries: Awaited<ReturnType<typeof recentAudit>> }) {
  const t = useTranslations("audit");
  return (
    <table className="mt-4 w-full text-left text-sm">
      <thead>
        <tr className="border-b text-zinc-600">
          <th className="py-2">{t("when")}</th>
          <th>{t("who")}</th>
          <th>{t("what")}</th>
          <th>{t("subject")}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} className="border-b align-top" data-testid="audit-row">
            <td className="whitespace-nowrap py-1 pr-3">
              <LocalTime at={e.at} />
            </td>
            <td className="pr-3">{e.actor ?? t("system")}</td>
            <td className="pr-3">{e.action}</td>
            <td className="break-all text-zinc-600">
              {e.subjectType}:{e.subjectId} {e.details ? JSON.stringify(e.details) : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
