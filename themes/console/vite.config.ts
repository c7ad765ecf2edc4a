import { defineConfig } from "vitest/config";

// The console is served by the extension at /realms/{realm}/devices/security/bitlocker/console/:
// relative asset URLs keep one build valid for every realm. The output lands in the themes jar.
export default defineConfig({
  base: "./",
  // The shared kit (../shared) imports React, PatternFly and react-i18next: from this app's node_modules.
  resolve: { dedupe: ["react", "react-dom", "@patternfly/react-core", "@patternfly/react-icons", "react-i18next", "i18next", "vitest"] },
  build: {
    outDir: "../target/classes/keygate-console",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    target: "es2022",
    chunkSizeWarningLimit: 2048,
  },
  test: {
    include: ["src/**/*.test.ts", "../shared/**/*.test.ts"],
    environment: "node",
  },
});
