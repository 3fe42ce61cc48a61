// DELETE /api/uploads/[id] – discard an unfinished upload
import { NextResponse } from "next/server";
import { trainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { abortUpload } from "@/lib/uploads";

export const DELETE = trainerRoute<{ id: string }>(async (_req, { trainer, params }) => {
  return NextResponse.json(await abortUpload(await appContext(), trainer, params.id));
});
