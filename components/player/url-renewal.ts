// Media URLs die a few minutes after they are signed (MEDIA_URL_TTL_SECONDS, ≤ 30 min), so a
// revoked or expired link stops playing soon. This keeps a player going meanwhile, framework-free
// (the React hook use-fresh-media-urls and the link page's module both drive it): shortly before
// the URLs the <video> loaded expire — or when a load fails, e.g. a tab that slept past them — it
// asks POST /api/playback for fresh ones; the player then reloads the same source at the same time.
// A share that is no longer live gets no new URLs (withdrawn).
import type { Playback } from "@/lib/videos/playback";
import { apiCall, ApiError } from "@/components/api-client";

export type MediaUrls = Pick<Playback, "poster" | "renditions" | "original" | "storyboard" | "urlsExpireInSeconds" | "preparing">;

/** After a failed renewal (offline, busy): the URLs in hand may still have minutes left. */
export const RENEW_RETRY_MS = 30_000;

/** How long before the loaded URLs die they are renewed: 2 minutes, or a quarter of a short lifetime. */
export const renewalMarginMs = (ttlMs: number) => Math.min(120_000, ttlMs / 4);

export class MediaUrlRenewal {
  private renewing = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Load attempts of the <video> (loadstart), and the one a recovery is already renewing for. */
  private loads = 0;
  private recovering = { load: -1, tries: 0 };
  withdrawn = false;

  constructor(
    /** Who the player speaks for: { token } or { shareId }, as the playback beacon. */
    public viewer: Record<string, string>,
    private readonly on: { fresh: (urls: MediaUrls, signedAt: number) => void; withdrawn: () => void },
  ) {}

  /** Asks for fresh URLs (one request at a time). */
  renew = async (): Promise<void> => {
    if (this.renewing || this.withdrawn) return;
    this.renewing = true;
    const signedAt = Date.now();
    try {
      this.on.fresh(await apiCall<MediaUrls>("POST", "/api/playback", this.viewer), signedAt);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        this.withdrawn = true;
        this.stop();
        this.on.withdrawn();
      } else this.timer = setTimeout(() => void this.renew(), RENEW_RETRY_MS);
    } finally {
      this.renewing = false;
    }
  };

  /** The <video> started loading URLs that die at `expiresAt` (this browser's clock): renew shortly before. */
  loadStarted(expiresAt: number, ttlMs: number) {
    this.loads++;
    this.schedule(expiresAt, ttlMs);
  }

  /** When the URLs in the <video> die (a tab in the background may fire late: then the error path recovers). */
  schedule(expiresAt: number, ttlMs: number) {
    this.stop();
    if (this.withdrawn) return;
    this.timer = setTimeout(() => void this.renew(), Math.max(0, expiresAt - renewalMarginMs(ttlMs) - Date.now()));
  }

  /** Metadata arrived: this load works (durationchange also fires where a phone preloads nothing more). */
  loadWorked() {
    this.recovering = { load: -1, tries: 0 };
  }

  /**
   * A media error (the <source> and the <video> may both report one): maybe the URLs expired.
   * Fetches fresh ones once per failed load and answers true; a load that fails again with fresh
   * URLs is the player's to explain (false).
   */
  recover(): boolean {
    const r = this.recovering;
    if (r.load === this.loads) return true;
    if (this.withdrawn || r.tries >= 1) return false;
    this.recovering = { load: this.loads, tries: r.tries + 1 };
    void this.renew();
    return true;
  }

  stop() {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
