import { defineConfig } from "vite";

// The console is served by the extension at /realms/{realm}/devices/security/bitlocker/console/:
// relative asset URLs keep one build valid for every realm. The output lands in the themes jar.
export default defineConfig({
  base: "./",
  build: {
    outDir: "../target/classes/keygate-console",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 2048,
  },
});
