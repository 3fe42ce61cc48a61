// What the link page's server (render.ts) hands its browser module (browser.ts), as JSON in the page.
// Every text is already in the student's language: the module formats nothing from the catalogues,
// it only puts a value in a message's slot (SLOT).
import type { Locale } from "@/lib/i18n/locales";
import type { Drawing } from "@/lib/coaching/rules";
import type { MediaUrls } from "@/components/player/url-renewal";

/** Stands for a value only the browser knows (the moment, a quality's label) in a message formatted on the server. */
export const SLOT = "\u0001";
export const fillSlot = (message: string, value: string) => message.replace(SLOT, value);

export interface StudentPageData {
  locale: Locale;
  playback: MediaUrls & { durationSeconds: number | null };
  /** Who the page speaks for (the beacon, fresh URLs, questions): the link's token and the video on show. */
  viewer: { token: string; videoId: string };
  /** The notes' moments and drawings (their texts are in the HTML). */
  notes: { id: string; atSeconds: number; endSeconds: number | null; drawing: Drawing | null }[];
  text: {
    original: string;
    noPicture: string;
    hevc: string;
    tryRendition: string;
    tryDownload: string;
    /** With SLOT for the version's label. */
    playRendition: string;
    preparing: string;
    loading: string;
    downloadMeanwhile: string;
    withdrawn: string;
    quality: string;
    preparingNote: string;
    /** With SLOT for the moment. */
    askAt: string;
    sent: string;
    sendFailed: string;
    you: string;
  };
}

/** The id of the page's JSON. */
export const DATA_ID = "student-page-data";
