// DELETE /api/videos/[id] – delete the video from storage and revoke every link to it
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { trainerRoute } from "@/lib/auth/route";
import { deleteVideo } from "@/lib/shares";
import { getStorage } from "@/lib/storage";

export const DELETE = trainerRoute<{ id: string }>(async (_req, { trainer, params }) => {
  return NextResponse.json(await deleteVideo(await getDb(), getStorage(), trainer.id, params.id));
});
