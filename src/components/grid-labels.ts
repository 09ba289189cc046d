/** Display helpers for the grid pages and components. */
import type { GridEntry } from "../lib/db/grids.ts";

/** The `tel:` URI of a phone number as printed (digits only). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, "")}`;
}

/** Chinese names of the grid levels. */
export const LEVEL_LABEL = { 1: "一级网格（街道）", 2: "二级网格（社区）", 3: "三级网格" } as const;
/** Chinese names of the team roles. */
export const ROLE_LABEL = { leader: "网格长", specialist: "专管员", supervisor: "督导员", sunk: "下沉人员" } as const;
/** The leader title of each level, used when a leader's own title is empty. */
export const LEADER_LABEL = { 1: "一级网格长（街道）", 2: "二级网格长（社区）", 3: "三级网格长（网格）" } as const;

/** Short display name: the street or community name for levels 1 and 2, the grid name for level 3. */
export function shortName(grid: GridEntry): string {
  return grid.level === 1 ? grid.street : grid.level === 2 ? (grid.community ?? grid.name) : grid.name;
}

/** Degrees with 4 decimals (about 10 m), for the text description of a boundary. */
export function deg(x: number): string {
  return x.toFixed(4);
}
