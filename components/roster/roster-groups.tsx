"use client";
// The roster's groups: create, rename, delete (asks first; the students stay), and
// add or take out members.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useApiAction } from "@/components/api-action";
import { apiCall } from "@/components/api-client";
import { fieldClass } from "@/components/uploader/field";
import type { RosterGroupEntry } from "@/lib/roster/groups";
import type { RosterEntry } from "@/lib/roster/students";

export function CreateGroupForm() {
  const t = useTranslations("roster");
  const [name, setName] = useState("");
  const { busy, error, run } = useApiAction();
  return (
    <form
      className="mt-3 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await apiCall("POST", "/api/roster/groups", { name });
          setName("");
        });
      }}
    >
      <label className="block min-w-60 flex-1 text-sm font-medium">
        {t("groupName")}
        <input className={fieldClass} required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <button
        type="submit"
        disabled={busy}
        className="rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-50"
      >
        {t("createGroup")}
      </button>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}

function GroupCard({ group, students }: { group: RosterGroupEntry; students: RosterEntry[] }) {
  const t = useTranslations("roster");
  const [renaming, setRenaming] = useState<string | null>(null);
  const [pick, setPick] = useState("");
  const { busy, error, run } = useApiAction();
  const members = group.studentIds.map((id) => students.find((s) => s.id === id)).filter((s): s is RosterEntry => !!s);
  const others = students.filter((s) => !group.studentIds.includes(s.id));
  return (
    <li className="rounded-lg border border-zinc-200 p-3" data-testid="roster-group" aria-label={group.name}>
      {renaming === null ? (
        <div className="flex flex-wrap items-baseline gap-x-3">
          <h3 className="font-semibold">{group.name}</h3>
          <span className="text-sm text-zinc-600">{t("members", { count: members.length })}</span>
          <button type="button" className="text-sm text-brand underline" onClick={() => setRenaming(group.name)}>
            {t("rename")}
          </button>
          <button
            type="button"
            disabled={busy}
            className="text-sm text-red-700 underline disabled:opacity-50"
            onClick={() => {
              if (confirm(t("deleteConfirm", { group: group.name }))) void run(() => apiCall("DELETE", `/api/roster/groups/${group.id}`));
            }}
          >
            {t("deleteGroup")}
          </button>
        </div>
      ) : (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await apiCall("PATCH", `/api/roster/groups/${group.id}`, { name: renaming });
              setRenaming(null);
            });
          }}
        >
          <input
            className={`${fieldClass} max-w-xs`}
            aria-label={t("renameLabel", { group: group.name })}
            value={renaming}
            onChange={(e) => setRenaming(e.target.value)}
          />
          <button type="submit" disabled={busy} className="text-sm font-medium text-brand underline">
            {t("save")}
          </button>
          <button type="button" className="text-sm text-zinc-700 underline" onClick={() => setRenaming(null)}>
            {t("cancel")}
          </button>
        </form>
      )}
      {members.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-2 text-sm">
          {members.map((s) => (
            <li key={s.id} className="flex items-center gap-1 rounded-full bg-zinc-100 py-0.5 pr-1 pl-3">
              {s.name ?? s.email}
              <button
                type="button"
                disabled={busy}
                aria-label={t("removeMember", { name: s.name ?? s.email, group: group.name })}
                className="rounded-full px-1.5 text-zinc-600 hover:bg-zinc-200"
                onClick={() => void run(() => apiCall("DELETE", `/api/roster/groups/${group.id}/members/${s.id}`))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <form
          className="mt-2 flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (pick)
              void run(() => apiCall("POST", `/api/roster/groups/${group.id}/members`, { studentIds: [pick] }).then(() => setPick("")));
          }}
        >
          <select
            className={`${fieldClass} mt-0 max-w-xs`}
            aria-label={t("addMemberLabel", { group: group.name })}
            value={pick}
            onChange={(e) => setPick(e.target.value)}
          >
            <option value="">{t("pickStudent")}</option>
            {others.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name ? `${s.name} (${s.email})` : s.email}
              </option>
            ))}
          </select>
          <button type="submit" disabled={busy || !pick} className="text-sm font-medium text-brand underline disabled:opacity-50">
            {t("addMember")}
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </li>
  );
}

export function GroupList({ groups, students }: { groups: RosterGroupEntry[]; students: RosterEntry[] }) {
  const t = useTranslations("roster");
  if (groups.length === 0) return <p className="mt-3 text-zinc-700">{t("noGroups")}</p>;
  return (
    <ul className="mt-3 grid gap-3">
      {groups.map((g) => (
        <GroupCard key={g.id} group={g} students={students} />
      ))}
    </ul>
  );
}
