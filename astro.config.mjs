// @ts-check
import { defineConfig } from "astro/config";
import cloudflare from "@astrojs/cloudflare";
import sitemap from "@astrojs/sitemap";

export default defineConfig({
  // The public address: canonical links, the sitemap and the QR codes on the grid posters.
  // Set SITE_URL for a production build; the default is a placeholder.
  site: process.env.SITE_URL || "https://wanggetong.example.cn",
  output: "static",
  adapter: cloudflare({
    // No IMAGES or SESSION bindings: the portal needs neither.
    imageService: "passthrough",
    // Pages are prerendered from the local D1 in this folder (the tests use their own).
    persistState: { path: process.env.WGT_STATE ?? ".wrangler/state" },
  }),
  session: false,
  integrations: [sitemap()],
  // Scripts stay external files: the Content-Security-Policy allows no inline scripts.
  vite: { build: { assetsInlineLimit: 0 } },
  trailingSlash: "always",
  build: { format: "directory", inlineStylesheets: "always" },
  devToolbar: { enabled: false },
});
