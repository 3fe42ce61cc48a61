// Who a player speaks for: the student link's token, or a signed-in student's share id — and
// which video of the session it plays. One resolution for every request the player makes (the
// playback beacons, fresh media URLs), so a revoked or expired share is refused the same way everywhere.
import { z } from "zod";
import type { AppContext } from "@/lib/context";
import { studentMaySeeVideo, type StudentIdentity } from "./access";

const videoId = z.string().max(100);
export const viewerSchema = z.union([
  z.object({ token: z.string().max(200), videoId }),
  z.object({ shareId: z.string().max(100), videoId }),
]);
export type Viewer = z.infer<typeof viewerSchema>;

/**
 * The live share and video this viewer may see, or null (unknown, revoked, expired, someone else's,
 * a video outside the session). `signedIn` is the request's session (lib/auth's currentUser), read only for a share id.
 */
export async function shareForViewer(
  ctx: AppContext,
  viewer: Viewer,
  signedIn: () => Promise<{ email: string } | null> = async () => null,
) {
  let who: StudentIdentity | null = null;
  if ("token" in viewer) who = { token: viewer.token };
  else {
    const user = await signedIn();
    if (user) who = { email: user.email, shareId: viewer.shareId };
  }
  return who ? studentMaySeeVideo(ctx, who, viewer.videoId) : null;
}
