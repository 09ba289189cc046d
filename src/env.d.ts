/// <reference types="@cloudflare/workers-types" />

/** Bindings of the Worker (wrangler.toml). */
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    /** Tile URL template for Leaflet maps; empty means GeoJSON only. */
    TILE_URL: string;
    TILE_ATTRIBUTION: string;
  }
}
interface Env extends Cloudflare.Env {}
