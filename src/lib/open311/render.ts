/**
 * Open311 answers in the two formats of the standard. JSON: arrays at the top level for
 * services, requests and errors. XML (required by the standard): a UTF-8 declaration and the
 * spec's root and item elements, e.g. <service_requests><request>…</request></service_requests>.
 */
import XMLBuilder from "fast-xml-builder";

/** The formats a resource can be asked for, by its extension. */
export type Open311Format = "json" | "xml";

/** Content types of the formats (as named in the discovery document). */
export const CONTENT_TYPES: Record<Open311Format, string> = {
  json: "application/json; charset=UTF-8",
  xml: "text/xml; charset=UTF-8",
};

/** The kinds of answer, each with its XML root and item element. */
const ELEMENTS = {
  services: ["services", "service"],
  requests: ["service_requests", "request"],
  errors: ["errors", "error"],
} as const;

/** A list answer's kind. */
export type ListKind = keyof typeof ELEMENTS;

const builder = new XMLBuilder({ format: false, suppressBooleanAttributes: false });
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** XML has no null: a missing value is an empty element. */
function noNulls(value: unknown): unknown {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(noNulls);
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, noNulls(v)]));
  return value;
}

/** A list (services, requests, errors) in the format. */
export function renderList(format: Open311Format, kind: ListKind, items: unknown[]): string {
  if (format === "json") return JSON.stringify(items);
  const [root, item] = ELEMENTS[kind];
  return DECLARATION + builder.build({ [root]: { [item]: noNulls(items) } });
}

/** Repeated child elements in XML: `{ values: [a, b] }` becomes <values><value>a</value>…. */
const XML_ITEMS: Record<string, string> = { attributes: "attribute", values: "value", endpoints: "endpoint", formats: "format" };

function wrapArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(wrapArrays);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, Array.isArray(v) && XML_ITEMS[k] ? { [XML_ITEMS[k]!]: wrapArrays(v) } : wrapArrays(v)]),
    );
  }
  return value;
}

/** A single document (discovery, a service definition) under its XML root element. */
export function renderDocument(format: Open311Format, root: "discovery" | "service_definition", doc: object): string {
  if (format === "json") return JSON.stringify(doc);
  return DECLARATION + builder.build({ [root]: wrapArrays(noNulls(doc)) });
}

/** One Open311 error. `code` is the HTTP status, as in the standard's examples. */
export type Open311Error = { code: number; description: string };

/** An error answer: an array of { code, description }. */
export function renderErrors(format: Open311Format, errors: Open311Error[]): string {
  return renderList(format, "errors", errors);
}

/** The format a path asks for: its .xml or .json extension (JSON when there is none). */
export function formatOfPath(path: string): Open311Format {
  return /\.xml$/i.test(path) ? "xml" : "json";
}
