/**
 * The page types every audit covers (issue: fast, accessible, elder-friendly pages).
 * A page type whose path depends on data is found by following a link from another page.
 */
export type PageType = { name: string; path: string } | { name: string; from: string; link: RegExp };

export const PAGE_TYPES: PageType[] = [
  { name: "home", path: "/" },
  { name: "grid-directory", path: "/grids/" },
  { name: "grid", from: "/grids/", link: /\/grids\/\d{12}\// },
  { name: "report", path: "/report/" },
  { name: "track", path: "/track/" },
  { name: "statistics", path: "/stats/" },
  { name: "service-circle", path: "/services/" },
  { name: "community-circle", from: "/services/", link: /\/services\/\d{10}\// },
  { name: "volunteers", path: "/volunteers/" },
];

/** Resolves a page type to a path, following a link for data-dependent pages. */
export async function resolvePath(base: string, t: PageType): Promise<string> {
  if ("path" in t) return t.path;
  const html = await (await fetch(base + t.from)).text();
  const m = html.match(t.link);
  if (!m) throw new Error(`no link matching ${t.link} on ${t.from}`);
  return m[0];
}
