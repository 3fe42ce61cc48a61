// Reading a roster from a spreadsheet's CSV export (papaparse does the CSV): a header
// row in English, Dutch or French (or none: email, name, language, note, group),
// comma, semicolon (Belgian Excel) or tab, quoted fields, a UTF-8 BOM, CRLF. Each
// row is checked on its own, so one bad row never spoils the others.
import { emailAddress } from "@/lib/email-address";
import { ApiError } from "@/lib/http";
import type { Locale } from "@/lib/i18n/locales";
import { GROUP_NAME_MAX, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, NAME_MAX, NOTE_MAX } from "./rules";

type Column = "email" | "name" | "firstName" | "lastName" | "language" | "note" | "group";

/** Header names as people write them, lower-cased without accents or punctuation. */
const HEADERS: Record<Column, string[]> = {
  email: [
    "email",
    "e mail",
    "mail",
    "email address",
    "e mail address",
    "emailadres",
    "e mailadres",
    "mailadres",
    "courriel",
    "adresse e mail",
    "adresse email",
    "adresse mail",
    "adresse electronique",
  ],
  name: ["name", "full name", "student", "naam", "volledige naam", "leerling", "cursist", "nom", "nom complet", "eleve", "etudiant"],
  firstName: ["first name", "firstname", "given name", "voornaam", "prenom"],
  lastName: ["last name", "lastname", "surname", "family name", "achternaam", "familienaam", "nom de famille"],
  language: ["language", "lang", "locale", "taal", "langue"],
  note: [
    "note",
    "notes",
    "remark",
    "category",
    "licence",
    "license",
    "opmerking",
    "notitie",
    "categorie",
    "rijbewijs",
    "remarque",
    "permis",
  ],
  group: ["group", "groups", "groep", "groepen", "groupe", "groupes", "klas", "classe"],
};

/** Languages as people write them in a spreadsheet, in our three languages. */
const LANGUAGES: Record<string, Locale> = {
  en: "en",
  eng: "en",
  english: "en",
  engels: "en",
  anglais: "en",
  "en-gb": "en",
  "en-us": "en",
  nl: "nl",
  ned: "nl",
  dutch: "nl",
  nederlands: "nl",
  vlaams: "nl",
  flemish: "nl",
  neerlandais: "nl",
  "nl-be": "nl",
  "nl-nl": "nl",
  fr: "fr",
  fra: "fr",
  french: "fr",
  frans: "fr",
  francais: "fr",
  "fr-be": "fr",
  "fr-fr": "fr",
};

/** Why a row cannot be imported; the page shows each in the reader's language. */
export type RowProblem = "missingEmail" | "badEmail" | "duplicate" | "language" | "tooLong" | "format";

export interface CsvRow {
  /** The row's line in the file as a spreadsheet numbers it (the header is line 1). */
  line: number;
  email: string;
  name: string | null;
  /** undefined: the cell was empty (an existing student keeps theirs). */
  language?: Locale;
  note: string | null;
  groups: string[];
  error?: { code: RowProblem; message: string; field?: string; value?: string; duplicateOf?: number };
}

const normalize = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

function columnOf(header: string): Column | null {
  const h = normalize(header);
  for (const [column, names] of Object.entries(HEADERS) as [Column, string[]][]) if (names.includes(h)) return column;
  return null;
}

export function languageOf(cell: string): Locale | null {
  const v = cell
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase()
    .replace(/_/g, "-");
  return LANGUAGES[v] ?? null;
}

/** The delimiter of the first line: the most frequent of ; , tab outside quotes (papaparse guesses the rest). */
function delimiterOf(text: string): string | undefined {
  const first = text.split(/\r\n|\n|\r/, 1)[0].replace(/"[^"]*"/g, "");
  const counts = [";", ",", "\t"].map((d) => [d, first.split(d).length - 1] as const).sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : undefined;
}

const noEmailColumn = () =>
  new ApiError(400, 'The file has no email column. Put a header row with "email" (or "e-mail", "courriel") above the students.');

/** The file's rows, each checked (address, language, lengths, duplicates); throws 413/400 for a file that cannot be read at all. */
export async function parseRosterCsv(input: string): Promise<CsvRow[]> {
  if (Buffer.byteLength(input, "utf8") > IMPORT_MAX_BYTES)
    throw new ApiError(413, `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it into smaller files.`);
  const text = input.replace(/^\uFEFF/, "");
  // Loaded when a file comes in: every page that shares with students imports lib/roster, few read a CSV.
  const { default: Papa } = await import("papaparse");
  const parsed = Papa.parse<string[]>(text, { delimiter: delimiterOf(text), delimitersToGuess: [",", ";", "\t"], skipEmptyLines: false });
  const badRows = new Set(parsed.errors.filter((e) => e.type === "Quotes" && e.row !== undefined).map((e) => e.row!));
  // Lines: papaparse reports rows, not lines; count the line breaks each row spans (quoted cells may hold some).
  const lines: number[] = [];
  let line = 1;
  for (const row of parsed.data) {
    lines.push(line);
    line += 1 + row.reduce((n, cell) => n + (cell.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
  }
  const blank = (row: string[]) => row.every((c) => c.trim() === "");
  const first = parsed.data.findIndex((r) => !blank(r));
  if (first < 0) throw new ApiError(400, "The file is empty.");

  const headerColumns = parsed.data[first].map(columnOf);
  const hasHeader = headerColumns.includes("email");
  let columns: (Column | null)[];
  if (hasHeader) columns = headerColumns;
  else if (parsed.data[first].some((c) => c.includes("@"))) columns = ["email", "name", "language", "note", "group"];
  else throw noEmailColumn();

  const dataRows = parsed.data
    .map((cells, i) => ({ cells, i }))
    .filter(({ cells, i }) => i >= first + (hasHeader ? 1 : 0) && !blank(cells));
  if (dataRows.length > IMPORT_MAX_ROWS)
    throw new ApiError(400, `The file has ${dataRows.length} students; import at most ${IMPORT_MAX_ROWS.toLocaleString("en")} at a time.`);

  const seen = new Map<string, number>();
  return dataRows.map(({ cells, i }) => {
    const cell = (c: Column) => {
      const at = columns.indexOf(c);
      return at >= 0 ? (cells[at] ?? "").trim() : "";
    };
    const name = cell("name") || [cell("firstName"), cell("lastName")].filter(Boolean).join(" ");
    const rawEmail = cell("email");
    const rawLanguage = cell("language");
    const row: CsvRow = {
      line: lines[i],
      email: rawEmail.toLowerCase(),
      name: name || null,
      note: cell("note") || null,
      groups: [
        ...new Set(
          cell("group")
            .split("|")
            .map((g) => g.trim())
            .filter(Boolean),
        ),
      ],
    };
    const fail = (code: RowProblem, message: string, extra: Partial<NonNullable<CsvRow["error"]>> = {}) => ({
      ...row,
      error: { code, message, ...extra },
    });
    if (badRows.has(i)) return fail("format", "The quotes in this row do not match.");
    if (!rawEmail) return fail("missingEmail", "This row has no email address.", { field: "email" });
    const email = emailAddress.safeParse(rawEmail);
    if (!email.success)
      return rawEmail.length > 254
        ? fail("tooLong", "The email address is too long.", { field: "email" })
        : fail("badEmail", `"${rawEmail}" is not a valid email address.`, { field: "email", value: rawEmail });
    row.email = email.data;
    if (rawLanguage) {
      const language = languageOf(rawLanguage);
      if (!language)
        return fail("language", `Unknown language "${rawLanguage}": use en, nl or fr.`, { field: "language", value: rawLanguage });
      row.language = language;
    }
    if ((row.name?.length ?? 0) > NAME_MAX) return fail("tooLong", `The name is longer than ${NAME_MAX} characters.`, { field: "name" });
    if ((row.note?.length ?? 0) > NOTE_MAX) return fail("tooLong", `The note is longer than ${NOTE_MAX} characters.`, { field: "note" });
    if (row.groups.some((g) => g.length > GROUP_NAME_MAX))
      return fail("tooLong", `A group name is longer than ${GROUP_NAME_MAX} characters.`, { field: "group" });
    const earlier = seen.get(row.email);
    if (earlier !== undefined) return fail("duplicate", `${row.email} is already on line ${earlier}.`, { duplicateOf: earlier });
    seen.set(row.email, row.line);
    return row;
  });
}
