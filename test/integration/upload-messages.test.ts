// What the trainer reads about an upload: sizes in the camera's units, files refused
// before sending, and the server's errors turned into sentences (with Retry only when it can work).
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { ApiError as ClientApiError } from "@/components/api-client";
import {
  describeRefusal,
  describeUploadFailure,
  uploadMessageText,
  type UploadFailure,
  type UploadMessage,
} from "@/components/uploader/errors";
import { checkUpload, fileRefusal, type UploadDetails } from "@/components/uploader/validate";
import { formIssues } from "@/components/uploader/issues";
import { parseInput } from "@/lib/http";
import { MESSAGES, type Locale } from "@/lib/i18n";
import { addStudentsSchema, sessionEditSchema } from "@/lib/riding-sessions/rules";
import { createUploadSchema, formatBytes, GiB, MiB } from "@/lib/uploads/rules";

describe("sizes", () => {
  it("are decimal, as a GoPro and macOS show them", () => {
    expect(formatBytes(4_000_000_000)).toBe("4.0 GB"); // a GoPro chapter: "4 GB" on the card, 3.7 GiB
    expect(formatBytes(200 * MiB)).toBe("210 MB");
    expect(formatBytes(20 * GiB)).toBe("21.5 GB");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(999_999)).toBe("1.0 MB");
  });
});

/** A message as a trainer reading `locale` sees it (English unless said). */
const words = (m: UploadMessage | null, locale: Locale = "en") =>
  m && uploadMessageText(createTranslator({ locale, messages: MESSAGES[locale], namespace: "uploadErrors" }), locale, m);
const allWords = (list: UploadMessage[] | undefined, locale: Locale = "en") => (list ?? []).map((m) => words(m, locale)).join(" ");
const inWords = ({ message, canRetry }: UploadFailure, locale: Locale = "en") => ({ message: words(message, locale), canRetry });

describe("files refused before anything is sent", () => {
  const max = 100 * MiB;
  const file = (name: string, size: number, type = "") => {
    const f = new File([], name, { type });
    Object.defineProperty(f, "size", { value: size });
    return f;
  };
  it("says why in a sentence, without field names", () => {
    expect(words(fileRefusal(file("times.pdf", 10, "application/pdf"), max))).toBe(
      "“times.pdf” is not a video ApexShare takes: choose an mp4, mov, m4v, mkv, avi or webm file.",
    );
    expect(words(fileRefusal(file("GX010001.MP4", 0), max))).toMatch(/^“GX010001\.MP4” is empty \(0 bytes\)/);
    expect(words(fileRefusal(file("day.mov", max + 1, "video/quicktime"), max))).toBe(
      "“day.mov” is 105 MB, more than the 105 MB one video may be. Split or trim it first.",
    );
    expect(fileRefusal(file("GX010001.MP4", 5 * MiB, "video/mp4"), max)).toBeNull();
  });

  it("in the trainer's language, sizes in their units", () => {
    const tooBig = fileRefusal(file("dag.mov", 1_500_000_000, "video/quicktime"), 1_000_000_000);
    expect(words(tooBig, "fr")).toBe(
      "« dag.mov » fait 1,5 Go, plus que les 1,0 Go permis pour une vidéo. Découpez ou raccourcissez d’abord le fichier.",
    );
    expect(words(tooBig, "nl")).toBe("“dag.mov” is 1,5 GB, meer dan de 1,0 GB die één video mag zijn. Splits het of kort het eerst in.");
    expect(words(fileRefusal(file("tijden.pdf", 10, "application/pdf"), max), "nl")).toBe(
      "“tijden.pdf” is geen video die ApexShare aanneemt: kies een bestand van het type mp4, mov, m4v, mkv, avi of webm.",
    );
    expect(words(fileRefusal(file("GX010001.MP4", 0), max), "fr")).toMatch(/^« GX010001\.MP4 » est vide \(0 octet\)/);
  });
});

describe("server errors as the trainer reads them", () => {
  /** The real route's 400 message for a body, as the browser receives it. */
  const serverAnswer = (body: Record<string, unknown>) => {
    try {
      parseInput(createUploadSchema(100 * MiB), {
        fileName: "a.mp4",
        size: 10,
        sessionDate: "2026-11-23",
        students: [{ email: "s@example.com" }],
        ...body,
      });
    } catch (err) {
      return new ClientApiError(400, (err as Error).message);
    }
    throw new Error("the server accepted it");
  };

  it("drops the zod path the server puts in front of each message, and offers no Retry for a refused file", () => {
    const raw = serverAnswer({ size: 0 });
    expect(raw.message).toMatch(/^size: /); // what the trainer used to read
    expect(inWords(describeUploadFailure(raw))).toEqual({ message: "The file is empty (0 bytes).", canRetry: false });
    expect(words(describeUploadFailure(serverAnswer({ fileName: "x.pdf" })).message)).toBe(
      "x.pdf is not an accepted video type (mp4, mov, m4v, mkv, avi, webm).",
    );
  });

  it("offers Retry where it can work, with what to do", () => {
    expect(describeUploadFailure(new ClientApiError(0, "Network error — check your connection."))).toMatchObject({ canRetry: true });
    expect(inWords(describeUploadFailure(new ClientApiError(503, "Service unavailable")))).toMatchObject({
      canRetry: true,
      message: expect.stringMatching(/^The server had a problem/),
    });
    expect(inWords(describeUploadFailure(new ClientApiError(401, "Sign in first.")))).toMatchObject({
      canRetry: true,
      message: expect.stringMatching(/^You were signed out/),
    });
    expect(describeUploadFailure(new ClientApiError(404, "Not found."))).toMatchObject({ canRetry: false });
  });

  it("words a refusal the server names by code in the trainer's language, and keeps the server's English otherwise", async () => {
    const { handle, ApiError: ServerApiError } = await import("@/lib/http");
    // What the route answers for random bytes named .MP4, as the browser reads it.
    const route = handle(async () => {
      throw new ServerApiError(422, "GX010001.MP4 is not a video file (…).", {}, { code: "notAVideo", values: { file: "GX010001.MP4" } });
    });
    const body = await (await route(new Request("http://localhost:3000/api/uploads/x/complete", { method: "POST" }), {})).json();
    expect(body).toEqual({ error: "GX010001.MP4 is not a video file (…).", code: "notAVideo", values: { file: "GX010001.MP4" } });
    const refused = describeUploadFailure(new ClientApiError(422, body.error, body.code, body.values));
    expect(refused.canRetry).toBe(false);
    expect(words(refused.message)).toMatch(/^GX010001\.MP4 is not a video file \(its contents are not MP4/);
    expect(words(refused.message, "nl")).toMatch(/^GX010001\.MP4 is geen videobestand/);
    expect(words(refused.message, "fr")).toMatch(/^GX010001\.MP4 n’est pas un fichier vidéo/);
    // A code this page does not know: the server's sentence.
    expect(words(describeUploadFailure(new ClientApiError(409, "Something new.", "somethingNew")).message, "fr")).toBe("Something new.");
  });

  it("in the trainer's language", () => {
    const signedOut = describeUploadFailure(new ClientApiError(401, "Sign in first."));
    expect(words(signedOut.message, "nl")).toMatch(/^Je bent afgemeld\. .* klik dan op Opnieuw proberen\.$/);
    expect(words(signedOut.message, "fr")).toMatch(/^Vous avez été déconnecté\. .* cliquez sur Réessayer\.$/);
    expect(words(describeUploadFailure(new ClientApiError(0, "")).message, "fr")).toMatch(/^La connexion a été coupée/);
    expect(words(describeUploadFailure(new ClientApiError(404, "Not found.")).message, "nl")).toBe(
      "Deze upload bestaat niet meer op de server (hij werd verwijderd of is te oud). Upload het bestand opnieuw.",
    );
  });
});

describe("the upload form's own checks, before anything is sent", () => {
  const schema = createUploadSchema(100 * MiB);
  const video = (name = "ride.mp4") => ({ file: new File(["x"], name, { type: "video/mp4" }), title: "Ride" });
  const details = (over: Partial<UploadDetails> = {}): UploadDetails => ({
    students: [{ email: "ana@example.com", name: "Ana", language: null }],
    sessionTitle: "",
    sessionDate: "2026-05-31",
    notes: "",
    shareExpiryDays: 14,
    ...over,
  });
  /** The form's problems as a trainer reading `locale` sees them. */
  const formSays = (over: Partial<UploadDetails>, locale: Locale = "en", picked = [video()]) =>
    allWords(checkUpload(schema, picked, details(over)).formErrors, locale);

  it("accepts a filled-in form", () => {
    const check = checkUpload(schema, [video()], details());
    expect(check.formErrors).toEqual([]);
    expect(check.session).toMatchObject({ sessionDate: "2026-05-31", students: [{ email: "ana@example.com" }] });
  });

  it("says what is wrong, in English", () => {
    expect(formSays({}, "en", [])).toBe("Choose at least one video.");
    expect(formSays({ students: [] })).toBe("Add at least one student.");
    const two = [
      { email: "ana@example.com", name: null, language: null },
      { email: "ben@", name: null, language: null },
    ];
    expect(formSays({ students: two })).toBe("Student 2: Enter a valid email address.");
    expect(formSays({ students: [{ email: "ben@", name: null, language: null }] })).toBe("Enter a valid email address.");
    expect(formSays({ students: [two[0], { ...two[0], email: "ANA@example.com" }] })).toBe("Student 2: ana@example.com is listed twice.");
    expect(formSays({ sessionTitle: "x".repeat(201) })).toBe("A title can be at most 200 characters.");
    expect(formSays({ notes: "n".repeat(5001) })).toBe("Notes can be at most 5,000 characters.");
    expect(formSays({ sessionDate: "" })).toBe("Choose the session date.");
    expect(formSays({ sessionDate: "2026-02-30" })).toBe("That date does not exist.");
    expect(formSays({ shareExpiryDays: 0 })).toBe("Links must last at least 1 day.");
    expect(formSays({ shareExpiryDays: 31 })).toBe("Links can last at most 30 days.");
    expect(formSays({ shareExpiryDays: NaN })).toBe("Enter how many days links last: a whole number from 1 to 30.");
  });

  it("a file's own problem, next to it", () => {
    const check = checkUpload(schema, [{ ...video(), title: "t".repeat(201) }], details());
    expect(check.formErrors).toEqual([]);
    expect(allWords(check.fileErrors[0])).toBe("A title can be at most 200 characters.");
    expect(allWords(check.fileErrors[0], "nl")).toBe("Een titel mag hoogstens 200 tekens lang zijn.");
  });

  it("in Dutch", () => {
    expect(formSays({}, "nl", [])).toBe("Kies minstens één video.");
    const two = [
      { email: "an@example.com", name: null, language: null },
      { email: "", name: "Bert", language: null },
    ];
    expect(formSays({ students: two }, "nl")).toBe("Leerling 2: vul een e-mailadres in.");
    expect(formSays({ notes: "n".repeat(5001) }, "nl")).toBe("Notities mogen hoogstens 5.000 tekens lang zijn.");
    expect(formSays({ sessionDate: "2026-02-30" }, "nl")).toBe("Die datum bestaat niet.");
    expect(formSays({ shareExpiryDays: 45 }, "nl")).toBe("Links blijven hoogstens 30 dagen geldig.");
  });

  it("in French", () => {
    expect(formSays({ students: [] }, "fr")).toBe("Ajoutez au moins un élève.");
    const two = [
      { email: "louise@example.com", name: null, language: null },
      { email: "pas-une-adresse", name: null, language: null },
    ];
    expect(formSays({ students: two }, "fr")).toBe("Élève 2 : saisissez une adresse e-mail valide.");
    expect(formSays({ sessionTitle: "x".repeat(201), shareExpiryDays: 0 }, "fr")).toBe(
      "Un titre ne peut pas dépasser 200 caractères. Les liens doivent rester valables au moins 1 jour.",
    );
    expect(formSays({ sessionDate: "" }, "fr")).toBe("Choisissez la date de la séance.");
    expect(formSays({ notes: "n".repeat(5001) }, "fr")).toBe("Les remarques ne peuvent pas dépasser 5\u202f000 caractères.");
  });

  it("keeps the server's English for API clients", () => {
    expect(() => parseInput(createUploadSchema(100 * MiB), { fileName: "a.mp4", size: 10, students: [] })).toThrow(
      /students: Add at least one student\./,
    );
  });
});

describe("too many new uploads", () => {
  it("is answered in English with a code the uploader words in the trainer's language, with the wait", async () => {
    const { handle } = await import("@/lib/http");
    const { enforceCount, POLICIES } = await import("@/lib/rate-limit");
    const now = new Date("2026-11-23T10:45:10Z"); // 14 min 50 s before the hourly window ends
    const route = handle(async () => {
      enforceCount(POLICIES.uploadsPerTrainer, 10_000, now);
      return new Response(null);
    });
    const res = await route(new Request("http://localhost:3000/api/uploads", { method: "POST" }), {});
    const body = await res.json();
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("890");
    expect(body).toEqual({
      error: "Too many new uploads. Please try again in 15 minutes.",
      code: "tooManyUploads",
      values: { minutes: 15 },
    });
    const refused = describeUploadFailure(new ClientApiError(429, body.error, body.code, body.values));
    expect(refused.canRetry).toBe(true);
    expect(words(refused.message)).toBe("Too many new uploads. Try again in 15 minutes.");
    expect(words(refused.message, "nl")).toBe("Te veel nieuwe uploads. Probeer het over 15 minuten opnieuw.");
    expect(words(refused.message, "fr")).toBe("Trop de nouveaux envois. Réessayez dans 15 minutes.");
    expect(words({ key: "tooManyUploads", values: { minutes: 1 } }, "nl")).toBe(
      "Te veel nieuwe uploads. Probeer het over 1 minuut opnieuw.",
    );
    // Limits a trainer does not meet in the upload page stay English only.
    expect(() => enforceCount(POLICIES.resendPerShare, 10_000, now)).toThrow(expect.objectContaining({ coded: undefined }));
  });
});

describe("the session page's forms", () => {
  it("word the student list's problems and the server's refusals in the trainer's language", () => {
    const list = [{ email: "an@example.com" }, { email: "an@example.com" }];
    const check = addStudentsSchema.safeParse({ students: list });
    expect(check.success).toBe(false);
    const problems = formIssues(check.error!, list);
    expect(allWords(problems)).toBe("Student 2: an@example.com is listed twice.");
    expect(allWords(problems, "nl")).toBe("Leerling 2: an@example.com staat er twee keer in.");
    expect(allWords(problems, "fr")).toBe("Élève 2 : an@example.com figure deux fois dans la liste.");
    const edit = sessionEditSchema.safeParse({ title: " " });
    expect(allWords(formIssues(edit.error!), "fr")).toBe("Le titre ne peut pas être vide.");
    expect(allWords(formIssues(sessionEditSchema.safeParse({}).error!), "nl")).toBe("Er is niets te wijzigen.");

    expect(words(describeRefusal(new ClientApiError(404, "Session not found.")), "nl")).toBe(
      "Deze sessie bestaat niet meer (ze werd verwijderd). Laad de pagina opnieuw.",
    );
    expect(words(describeRefusal(new ClientApiError(0, "Network error — check your connection.")), "fr")).toMatch(
      /^La connexion a été coupée avant la réponse du serveur/,
    );
    // A refusal the page has no words for: the server's sentence, without its field path.
    expect(words(describeRefusal(new ClientApiError(400, "students.0.language: Invalid option")), "fr")).toBe("Invalid option");
  });
});
