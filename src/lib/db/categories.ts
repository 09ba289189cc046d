import { caseCategoryModel } from "./orm.ts";

/** A case category as the public sees it. */
export type CategoryDto = { id: string; name: string; kind: "problem" | "service" | "consultation"; group: string; description: string; dueHours: number };

/** Categories residents may choose, in display order. */
export async function listResidentCategories(db: D1Database): Promise<CategoryDto[]> {
  const { results } = await caseCategoryModel(db).All({ where: { resident: 1 }, orderBy: "sort" });
  return results.map((r) => ({
    id: r.id, name: r.name, kind: r.kind as CategoryDto["kind"], group: r.grp, description: r.description, dueHours: r.due_hours,
  }));
}
