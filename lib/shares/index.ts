import "server-only";
export * from "./access";
export * from "./manage";
export * from "./status";
export * from "./download";
export * from "./progress";
export * from "./viewer";
export * from "./language";
