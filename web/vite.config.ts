import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

// The API server (Fastify) serves web/dist at "/" and the API under /api on the same origin.
// During `vite dev` the API calls are proxied to a locally running server (GUIFAN_API overrides).
export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: { "/api": process.env.GUIFAN_API ?? "http://localhost:3000" },
  },
});
