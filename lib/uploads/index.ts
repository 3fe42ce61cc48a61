import "server-only";
export * from "./service";
