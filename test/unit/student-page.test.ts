// The link page's HTML (components/student-page/render.ts): everything a trainer, a school or a
// student typed is text, never markup; the page's JSON cannot close its script tag; the page loads
// exactly the module it was given, under the request's nonce.
import { describe, expect, it } from "vitest";
import { linkUnavailableHtml, studentPageHtml, type StudentPageInput } from "@/components/student-page/render";
import { DATA_ID, type StudentPageData } from "@/components/student-page/data";

const EVIL = `<script>alert(1)</script><img src=x onerror=alert(2)>"'&`;
const assets = { script: "/_next/static/apex/student-page-0123456789abcdef.js", css: "body{margin:0}" };

function input(): StudentPageInput {
  const video = { id: "v1", title: EVIL, sizeBytes: 1234 };
  return {
    shared: {
      share: { id: "s1", expiresAt: new Date("2026-12-31T12:00:00Z") },
      session: { title: EVIL, sessionDate: "2026-12-07", notes: EVIL },
      videos: [video, { id: "v2", title: EVIL, sizeBytes: 1 }],
      trainer: { name: EVIL, email: `coach+${EVIL}@example.com` },
      school: { id: "sc1", name: EVIL, logoKey: null, defaultLanguage: "en" },
    },
    video,
    playback: {
      poster: null,
      renditions: [],
      original: { url: "https://s3.example/o.mp4?sig=1&x=2", type: "video/mp4" },
      storyboard: null,
      preparing: false,
      durationSeconds: 10,
      chapters: [],
      urlsExpireInSeconds: 900,
    },
    coaching: {
      notes: [{ id: "n1", atSeconds: 1, endSeconds: null, text: `${EVIL} </script>`, drawing: null, audienceEmail: null }],
      questions: [{ id: "q1", atSeconds: 2, text: EVIL, answer: EVIL, public: false, askedBy: "You" }],
    },
    token: "tok_en-123",
    locale: "en",
    nonce: "abc123==",
    assets,
  } as unknown as StudentPageInput;
}

describe("the link page's HTML", () => {
  const page = studentPageHtml(input());

  it("shows what people typed as text", () => {
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("carries JSON that cannot close its script tag, and reads back", () => {
    const json = new RegExp(`<script type="application/json" id="${DATA_ID}">(.*?)</script>`).exec(page)![1];
    expect(json).not.toMatch(/<\//);
    const data = JSON.parse(json) as StudentPageData;
    expect(data.viewer).toEqual({ token: "tok_en-123", videoId: "v1" });
    expect(data.playback.original.url).toBe("https://s3.example/o.mp4?sig=1&x=2");
  });

  it("loads the one module it was given, under the request's nonce, and asks search engines and Referer to keep out", () => {
    expect([...page.matchAll(/<script\b[^>]*\bsrc=/g)]).toHaveLength(1);
    expect(page).toContain(`<script type="module" src="${assets.script}" nonce="abc123=="></script>`);
    expect(page).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(page).toContain('<meta name="referrer" content="no-referrer">');
    expect(page).toMatch(/^<!DOCTYPE html><html lang="en">/);
  });

  it("answers a dead link with the friendly page and no script, in the reader's language", () => {
    const dead = linkUnavailableHtml({ locale: "nl", nonce: "n", assets });
    expect(dead).toContain('<html lang="nl">');
    expect(dead).not.toContain("<script");
    expect(dead).toContain('href="/signin"');
  });
});
