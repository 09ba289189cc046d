/** Turns generated rows into multi-row INSERT statements that stay under D1's statement size limit. */
import type { Row } from "./generate.ts";

const MAX_STATEMENT_BYTES = 90_000;
const MAX_ROWS = 400;

/** A SQL literal for a string, number or null. */
export function literal(v: string | number | null): string {
  if (v === null) return "NULL";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  return `'${v.replaceAll("'", "''")}'`;
}

/**
 * Buffers rows per table and hands complete statements to `flush`. Rows of one table keep
 * their order; a table's buffer is flushed before another table's rows are written, so
 * parents always land before children.
 */
export class InsertWriter {
  private table = "";
  private columns: string[] = [];
  private values: string[] = [];
  private bytes = 0;
  private flush: (sql: string, rows: number) => void;

  constructor(flush: (sql: string, rows: number) => void) {
    this.flush = flush;
  }

  add(table: string, row: Row): void {
    const cols = Object.keys(row);
    if (table !== this.table || cols.join() !== this.columns.join()) {
      this.end();
      this.table = table;
      this.columns = cols;
    }
    const tuple = `(${cols.map((c) => literal(row[c] ?? null)).join(",")})`;
    if (this.values.length >= MAX_ROWS || this.bytes + tuple.length * 3 > MAX_STATEMENT_BYTES) this.end();
    this.values.push(tuple);
    this.bytes += tuple.length * 3;
  }

  /** Flushes what is buffered. */
  end(): void {
    if (this.values.length === 0) return;
    this.flush(`INSERT INTO ${this.table} (${this.columns.join(",")}) VALUES ${this.values.join(",")}`, this.values.length);
    this.values = [];
    this.bytes = 0;
  }
}
