"use client";
// Who gets the videos: one row per student, emails suggested from earlier uploads
// (a known email fills in its name).
import { fieldClass } from "./field";

export interface KnownStudent {
  email: string;
  name: string | null;
}

export const EMPTY_STUDENT: KnownStudent = { email: "", name: "" };

interface Props {
  students: KnownStudent[];
  knownStudents: KnownStudent[];
  onChange: (update: (list: KnownStudent[]) => KnownStudent[]) => void;
}

export function StudentList({ students, knownStudents, onChange }: Props) {
  const setRow = (i: number, row: (s: KnownStudent) => KnownStudent) => onChange((l) => l.map((x, j) => (j === i ? row(x) : x)));
  return (
    <fieldset className="mt-5">
      <legend className="text-sm font-semibold">Students</legend>
      <datalist id="known-students">
        {knownStudents.map((s) => (
          <option key={s.email} value={s.email}>
            {s.name ?? ""}
          </option>
        ))}
      </datalist>
      {students.map((s, i) => (
        // The address gets the most room (a narrow field cut addresses off); on a phone the name goes below it.
        <div
          key={i}
          className="mt-2 grid grid-cols-[minmax(0,1fr)_auto] gap-x-2 sm:grid-cols-[minmax(0,3fr)_minmax(0,2fr)_auto]"
          data-testid="student-row"
        >
          <input
            className={fieldClass}
            type="email"
            list="known-students"
            placeholder="student@example.com"
            aria-label={`Student ${i + 1} email`}
            value={s.email}
            onChange={(e) => {
              const email = e.target.value;
              const known = knownStudents.find((k) => k.email === email.trim().toLowerCase());
              setRow(i, (x) => ({ email, name: x.name || known?.name || "" }));
            }}
          />
          <input
            className={`${fieldClass} col-start-1 sm:col-start-auto`}
            placeholder="Name (optional)"
            aria-label={`Student ${i + 1} name`}
            value={s.name ?? ""}
            onChange={(e) => setRow(i, (x) => ({ ...x, name: e.target.value }))}
          />
          <button
            type="button"
            aria-label={`Remove student ${i + 1}`}
            className="col-start-2 row-start-1 mt-1 rounded-lg px-2 text-zinc-600 hover:bg-zinc-100 sm:col-start-auto sm:row-start-auto"
            onClick={() => onChange((l) => (l.length > 1 ? l.filter((_, j) => j !== i) : [EMPTY_STUDENT]))}
          >
            ✕
          </button>
        </div>
      ))}
      <button
        type="button"
        className="mt-2 text-sm font-medium text-brand underline"
        onClick={() => onChange((l) => [...l, EMPTY_STUDENT])}
      >
        + Add student
      </button>
    </fieldset>
  );
}
