// Names and titles people type end up in email headers: they must not be able
// to add header lines (CR/LF) or hide text (bidi controls) in the Subject.
import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/email/templates";

const shared = (over: Record<string, string>) => ({
  url: "https://apexshare.example/d/tok",
  trainerEmail: "coach@example.com",
  trainerName: "Coach",
  videoTitle: "Track day",
  sessionDate: "2026-11-20",
  expiresAt: "2026-12-04T00:00:00Z",
  ...over,
});

describe("email subject", () => {
  it("has no CR, LF or other control characters from a title or a trainer's name", () => {
    const { subject } = renderEmail(
      "video-shared",
      shared({ videoTitle: "Track day\r\nBcc: victim@example.com\u202e", trainerName: "Coach\nX-Injected: 1\u2028\u0000" }),
    );
    // eslint-disable-next-line no-control-regex -- the point of the check
    expect(subject).not.toMatch(/[\r\n\u0000-\u001f\u007f\u2028\u2029\u202e]/);
    expect(subject).toBe("Coach X-Injected: 1 shared your riding session video: Track day Bcc: victim@example.com");
  });
});
