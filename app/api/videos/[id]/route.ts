// DELETE /api/videos/[id] – delete the video from storage and revoke every link to it
import { NextResponse } from "next/server";
import { trainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { deleteVideo } from "@/lib/videos";

export const DELETE = trainerRoute<{ id: string }>(async (_req, { trainer, params }) => {
  return NextResponse.json(await deleteVideo(await appContext(), trainer.id, params.id));
});
