export function startNeonProxy(): Promise<{ url: string; close(): Promise<void> }>;
