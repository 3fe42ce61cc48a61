// GET /api/videos – the signed-in trainer's videos with their session's students (JSON)
import { NextResponse } from "next/server";
import { getDb } from "@/lib/database";
import { trainerRoute } from "@/lib/auth/route";
import { listTrainerVideos } from "@/lib/videos";

export const GET = trainerRoute(async (_req, { trainer }) => {
  const videos = await listTrainerVideos(await getDb(), trainer.id);
  return NextResponse.json({
    videos: videos.map((v) => ({
      id: v.id,
      title: v.title,
      status: v.status,
      sizeBytes: v.sizeBytes,
      uploadedBytes: v.uploadedBytes,
      sessionId: v.sessionId,
      createdAt: v.createdAt,
      expiresAt: v.expiresAt,
      shares: v.shares.map((s) => ({
        id: s.id,
        email: s.recipientEmail,
        name: s.recipientName,
        expiresAt: s.expiresAt,
        revokedAt: s.revokedAt,
      })),
    })),
  });
});
