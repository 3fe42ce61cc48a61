// The message catalogues: every language has every key English has (and no others), every
// message parses as ICU in its language and uses the same arguments and tags as English,
// and every key the source asks for with a literal t("…") exists. A missing translation
// fails here, not in front of a Dutch or French reader.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { LOCALES, MESSAGES, negotiateLocale, translator } from "@/lib/i18n";
import { renderEmail } from "@/lib/email/templates";

const root = path.resolve(import.meta.dirname, "../..");

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const catalogues = Object.fromEntries(LOCALES.map((l) => [l, flatten(MESSAGES[l] as unknown as Tree)]));
const english = catalogues.en;

/** The arguments and tags a message uses (plural/select branches included), sorted. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    into.add(el.type === TYPE.tag ? `<${el.value}>` : el.value);
    if (el.type === TYPE.tag) argumentsOf(el.children, into);
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) argumentsOf(option.value, into);
  }
  return into;
}

const icu = (message: string) => parse(message, { ignoreTag: false });

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts") ? [full] : [];
  });
}

/**
 * Every literal key the source asks for, with its namespace: `const t = useTranslations("ns")`,
 * `getTranslations("ns")` or `getTranslations({ …, namespace: "ns" })`, then t("key"), t.rich("key"),
 * t.markup("key"); and in code that translates from the root (`translator(…)`), any string literal
 * that starts with a top-level namespace ("email.shared.title").
 */
function keysUsedInSource(): { file: string; key: string }[] {
  const namespaces = Object.keys(MESSAGES.en);
  const used: { file: string; key: string }[] = [];
  const files = ["app", "components", "lib"].flatMap((d) => sourceFiles(path.join(root, d)));
  for (const file of files) {
    const code = readFileSync(file, "utf8");
    const rel = path.relative(root, file);
    const declared = /const (\w+) = (?:await )?(?:useTranslations|getTranslations)\((?:"([\w.]+)"|\{[^}]*namespace: "([\w.]+)"[^}]*\})?\)/g;
    for (const m of code.matchAll(declared)) {
      const [, name, ns1, ns2] = m;
      const ns = ns1 ?? ns2;
      const calls = new RegExp(`\\b${name}(?:\\.rich|\\.markup)?\\(\\s*"([\\w.]+)"`, "g");
      for (const c of code.matchAll(calls)) used.push({ file: rel, key: ns ? `${ns}.${c[1]}` : c[1] });
    }
    // Title helpers: (await getTranslations("ns"))("key").
    for (const m of code.matchAll(/\(await getTranslations\("([\w.]+)"\)\)\("([\w.]+)"\)/g))
      used.push({ file: rel, key: `${m[1]}.${m[2]}` });
    if (/\btranslator\(/.test(code))
      for (const m of code.matchAll(/"([a-zA-Z]+\.[\w.]+)"/g))
        if (namespaces.includes(m[1].split(".")[0])) used.push({ file: rel, key: m[1] });
  }
  return used;
}

describe("message catalogues", () => {
  it.each(LOCALES.filter((l) => l !== "en"))("%s has exactly the keys English has", (locale) => {
    const keys = [...catalogues[locale].keys()];
    expect(
      [...english.keys()].filter((k) => !catalogues[locale].has(k)),
      "missing",
    ).toEqual([]);
    expect(
      keys.filter((k) => !english.has(k)),
      "not in English",
    ).toEqual([]);
  });

  it.each(LOCALES)("every %s message parses as ICU", (locale) => {
    const broken: string[] = [];
    for (const [key, message] of catalogues[locale]) {
      try {
        icu(message);
      } catch (err) {
        broken.push(`${key}: ${(err as Error).message}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it.each(LOCALES.filter((l) => l !== "en"))("%s uses the same arguments and tags as English in every message", (locale) => {
    const differ: string[] = [];
    for (const [key, message] of english) {
      const theirs = catalogues[locale].get(key);
      if (theirs === undefined) continue;
      const a = [...argumentsOf(icu(message))].sort().join(",");
      const b = [...argumentsOf(icu(theirs))].sort().join(",");
      if (a !== b) differ.push(`${key}: en {${a}} ≠ ${locale} {${b}}`);
    }
    expect(differ).toEqual([]);
  });

  it.each(LOCALES.filter((l) => l !== "en"))("%s is translated: no message is left in English", (locale) => {
    // Words that read the same in both languages are allowed, one by one.
    const same: Record<string, string[]> = {
      nl: [
        "signIn.code",
        "email.digest.line",
        "email.digest.details",
        "trainer.dashboard",
        "shareActions.days",
        "dashboard.chartLabel",
        "upload.ok",
        "progress.speed",
      ],
      fr: [
        "signIn.code",
        "coaching.questionsHeading",
        "email.digest.details",
        "dashboard.pages",
        "upload.ok",
        "progress.speed",
        "progress.pause",
        // "Date", "Session", "Pages": the same words in French.
        "schoolAdmin.date",
        "schoolAdmin.session",
        "schoolAdmin.pages",
      ],
    };
    const untranslated = [...english]
      .filter(([key, message]) => !same[locale].includes(key) && catalogues[locale].get(key) === message)
      .map(([k]) => k);
    expect(untranslated).toEqual([]);
  });

  it("every key the source asks for exists", () => {
    const used = keysUsedInSource();
    // The scan must find the keys it is meant to find: a broken scan would pass everything.
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter(({ key }) => !english.has(key)).map(({ file, key }) => `${file}: ${key}`)).toEqual([]);
  });
});

describe("languages", () => {
  it("Accept-Language picks the first of our languages by preference", () => {
    expect(negotiateLocale("nl-BE,nl;q=0.9,en;q=0.8")).toBe("nl");
    expect(negotiateLocale("de-DE,fr-BE;q=0.7,en;q=0.5")).toBe("fr");
    expect(negotiateLocale("en;q=0.2, fr;q=0.9")).toBe("fr");
    expect(negotiateLocale("de, es")).toBeNull();
    expect(negotiateLocale(undefined)).toBeNull();
  });

  it("plurals follow each language", () => {
    expect(translator("nl")("student.summary", { date: "1 juni 2026", trainer: "Sam", count: 1 })).toContain("1 video");
    expect(translator("nl")("student.summary", { date: "1 juni 2026", trainer: "Sam", count: 3 })).toContain("3 video’s");
    expect(translator("fr")("student.summary", { date: "1 juin 2026", trainer: "Sam", count: 2 })).toContain("2 vidéos");
  });

  it("a student's email is in their language, dates included", () => {
    const payload = {
      url: "https://apexshare.test/d/x",
      kind: "session",
      studentName: "Lotte",
      trainerName: "Sam",
      trainerEmail: "sam@school.test",
      sessionTitle: "Circuit Zolder",
      sessionDate: "2026-05-31",
      expiresAt: "2026-06-14T10:00:00.000Z",
      videos: [{ id: "a", title: "Ronde 1" }],
    };
    const nl = renderEmail("session-shared", { ...payload, locale: "nl" });
    expect(nl.subject).toBe("Sam deelde je rijsessie: Circuit Zolder");
    expect(nl.text).toContain("31 mei 2026");
    expect(nl.html).toContain('lang="nl"');
    const fr = renderEmail("session-shared", { ...payload, locale: "fr" });
    expect(fr.text).toContain("31 mai 2026");
    expect(fr.text).toContain("Bonjour Lotte,");
    // Queued before languages existed: English.
    expect(renderEmail("session-shared", payload).subject).toBe("Sam shared your riding session: Circuit Zolder");
  });
});
