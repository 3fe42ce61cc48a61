// The language field of an API input (server side: zod stays out of the pages' shared client code).
import { z } from "zod";
import { LOCALES } from "./locales";

export const localeSchema = z.enum(LOCALES);
