import "server-only";
export * from "./s3";
