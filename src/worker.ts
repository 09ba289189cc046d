/**
 * The one Worker: /api/* and /open311/* go to the Hono API in functions/, everything else to
 * Astro (prerendered pages as static assets, on-demand pages rendered here). The API sets its
 * own security headers; static assets get them from public/_headers.
 */
import { handle } from "@astrojs/cloudflare/handler";
import api from "../functions/index.ts";
import { withSecurityHeaders } from "./lib/security-headers.ts";

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith("/api/") || pathname === "/api" || pathname.startsWith("/open311/")) {
      return api.fetch(request, env, ctx);
    }
    return withSecurityHeaders(await handle(request, env, ctx));
  },
  scheduled(controller, env, ctx) {
    return api.scheduled(controller, env, ctx);
  },
} satisfies ExportedHandler<Env>;
