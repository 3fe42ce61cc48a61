import "server-only";
export * from "./access";
export * from "./manage";
export * from "./status";
