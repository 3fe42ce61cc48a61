// HTML as strings for the link page's server: every value is escaped unless it is already Html.
// (The tag is `markup`, not `html`: Prettier would reformat an html`` template, and whitespace in text is text.)
export interface Html {
  readonly __html: string;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Markup we made ourselves (a catalogue's message formatted with escaped values, a stylesheet). */
export const raw = (s: string): Html => ({ __html: s });

type Value = Html | string | number | null | undefined | false | Value[];

const render = (v: Value): string =>
  v === null || v === undefined || v === false
    ? ""
    : Array.isArray(v)
      ? v.map(render).join("")
      : typeof v === "object"
        ? v.__html
        : escapeHtml(String(v));

/** A template whose interpolations are escaped (arrays are joined; null, undefined and false are nothing). */
export function markup(strings: TemplateStringsArray, ...values: Value[]): Html {
  return raw(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ""), ""));
}

/** JSON inside <script type="application/json">: nothing in it can close the tag. */
export const jsonForScript = (data: unknown) => raw(JSON.stringify(data).replace(/</g, "\\u003c"));
