// Which engine makes renditions. Local: ffmpeg (the worker in the dev server).
// AWS: MediaConvert, with the role it assumes and (optionally) its endpoint —
// set by sst.config.ts's media block. Kept here, next to the engines, so the
// block stays easy to re-apply.
import { z } from "zod";

const schema = z.discriminatedUnion("engine", [
  z.object({ engine: z.literal("ffmpeg") }),
  z.object({
    engine: z.literal("mediaconvert"),
    roleArn: z.string().startsWith("arn:", "MEDIACONVERT_ROLE_ARN must be an IAM role ARN."),
    region: z.string().min(1),
    // Account endpoints are no longer required; tests point this at a local stand-in.
    endpoint: z.url().optional(),
    queueArn: z.string().startsWith("arn:").optional(),
  }),
]);

export type MediaSettings = z.infer<typeof schema>;

export function mediaSettings(env: Record<string, string | undefined> = process.env): MediaSettings {
  const engine = env.MEDIA_ENGINE || (env.MEDIACONVERT_ROLE_ARN ? "mediaconvert" : "ffmpeg");
  const parsed = schema.safeParse({
    engine,
    roleArn: env.MEDIACONVERT_ROLE_ARN,
    region: env.MEDIACONVERT_REGION || env.AWS_REGION || "us-east-1",
    endpoint: env.MEDIACONVERT_ENDPOINT || undefined,
    queueArn: env.MEDIACONVERT_QUEUE_ARN || undefined,
  });
  if (!parsed.success) throw new Error(`Invalid media settings: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}
