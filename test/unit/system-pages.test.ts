// The pages answered before the app is reached (the database waking up, the link page's rate
// limit) and the last-resort error page speak the reader's language: the language menu's cookie,
// else the browser's Accept-Language, else English.
import { describe, expect, it } from "vitest";
import { wakingPage } from "@/lib/health/waking";
import { LOCALE_COOKIE, MESSAGES } from "@/lib/i18n";
import { requestLocale } from "@/lib/i18n/resolve";
import { SYSTEM_MESSAGES } from "@/lib/i18n/system-pages";

const request = (headers: Record<string, string>) => new Headers(headers);

describe("the language of a page answered without the app", () => {
  it("is the menu's cookie, else the browser's, else English", () => {
    expect(requestLocale(request({ "accept-language": "nl-BE,nl;q=0.9,en;q=0.8" }))).toBe("nl");
    expect(requestLocale(request({ "accept-language": "nl-BE", cookie: `a=1; ${LOCALE_COOKIE}=fr` }))).toBe("fr");
    expect(requestLocale(request({ "accept-language": "de-DE" }))).toBe("en");
    expect(requestLocale(request({}))).toBe("en");
  });
});

describe("the waking page", () => {
  it("is Dutch for a Dutch browser, French for a French one, English otherwise", async () => {
    const nl = await wakingPage("n0nce", requestLocale(request({ "accept-language": "nl-BE,nl;q=0.9" }))).text();
    expect(nl).toContain('<html lang="nl">');
    expect(nl).toContain("<title>Even wakker worden · ApexShare</title>");
    expect(nl).toContain("<h1>ApexShare wordt wakker</h1>");
    expect(nl).toContain("Wakker worden duurt ongeveer 15 seconden.");
    const fr = await wakingPage("n0nce", requestLocale(request({ "accept-language": "fr-BE" }))).text();
    expect(fr).toContain("<h1>ApexShare se réveille</h1>");
    const en = wakingPage("n0nce", requestLocale(request({})));
    expect(en.status).toBe(503);
    expect(await en.text()).toContain("It takes about 15 seconds to wake.");
  });
});

describe("the system pages' messages", () => {
  it("are the catalogues' systemPages namespace", () => {
    expect(MESSAGES.fr.systemPages).toBe(SYSTEM_MESSAGES.fr);
    expect(SYSTEM_MESSAGES.nl.retry).toBe(MESSAGES.nl.errors.retry);
  });
});
