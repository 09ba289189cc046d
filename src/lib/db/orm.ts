/**
 * d1-orm models for plain entity CRUD. Joins, aggregates and spatial queries live in the
 * query modules beside this file as prepared statements. Nothing outside src/lib/db imports d1-orm.
 */
import { D1Orm, DataTypes, Model, type Infer } from "d1-orm";

/**
 * d1-orm insists on the deprecated `dump()` method, which current D1 bindings no longer
 * have; this adapter supplies a stub and forwards everything else.
 */
export function orm(db: D1Database): D1Orm {
  const adapter = {
    prepare: (sql: string) => db.prepare(sql),
    batch: <T>(stmts: D1PreparedStatement[]) => db.batch<T>(stmts),
    exec: (sql: string) => db.exec(sql),
    dump: async (): Promise<ArrayBuffer> => {
      throw new Error("D1 dump() is not supported");
    },
  };
  return new D1Orm(adapter as unknown as D1Database);
}

/** Case categories residents choose from. */
export function caseCategoryModel(db: D1Database) {
  return new Model(
    { D1Orm: orm(db), tableName: "case_categories", primaryKeys: "id" },
    {
      id: { type: DataTypes.TEXT, notNull: true },
      name: { type: DataTypes.TEXT, notNull: true },
      kind: { type: DataTypes.TEXT, notNull: true },
      grp: { type: DataTypes.TEXT, notNull: true },
      description: { type: DataTypes.TEXT, notNull: true },
      department_id: { type: DataTypes.TEXT },
      resident: { type: DataTypes.INTEGER, notNull: true },
      due_hours: { type: DataTypes.INTEGER, notNull: true },
      sort: { type: DataTypes.INTEGER, notNull: true },
    },
  );
}
export type CaseCategoryRow = Infer<ReturnType<typeof caseCategoryModel>>;

/** Key/value facts about the loaded data set. */
export function siteMetaModel(db: D1Database) {
  return new Model(
    { D1Orm: orm(db), tableName: "site_meta", primaryKeys: "key" },
    {
      key: { type: DataTypes.TEXT, notNull: true },
      value: { type: DataTypes.TEXT, notNull: true },
    },
  );
}

/** Departments that receive dispatched cases. */
export function departmentModel(db: D1Database) {
  return new Model(
    { D1Orm: orm(db), tableName: "departments", primaryKeys: "id" },
    {
      id: { type: DataTypes.TEXT, notNull: true },
      district_id: { type: DataTypes.TEXT, notNull: true },
      name: { type: DataTypes.TEXT, notNull: true },
      phone: { type: DataTypes.TEXT, notNull: true },
    },
  );
}
export type DepartmentRow = Infer<ReturnType<typeof departmentModel>>;
