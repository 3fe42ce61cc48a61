// Types for local-s3.mjs, so the TypeScript tests import it checked.
export function corsXml(origins: string[]): string;
export function originsFor(appUrl: string): string[];
export function startLocalS3(options: {
  port?: number;
  bucket?: string;
  directory: string;
  origins: string[];
  silent?: boolean;
}): Promise<{ server: unknown; port: number; endpoint: string; close(): Promise<void> }>;
