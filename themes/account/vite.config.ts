import { defineConfig } from "vite";

// The keygate account theme: Keycloak's own account console (@keycloak/keycloak-account-ui) plus the
// page "Device recovery keys". Keycloak reads resources/.vite/manifest.json of the realm's account theme
// to find the entry script and stylesheet that its index.ftl (inherited from keycloak.v3) loads, so the
// build writes the manifest and the assets straight into the theme's resources in the themes jar.
export default defineConfig({
  base: "",
  // The shared kit (../shared) imports React, PatternFly and react-i18next: from this app's node_modules.
  resolve: { dedupe: ["react", "react-dom", "@patternfly/react-core", "@patternfly/react-icons", "react-i18next", "i18next"] },
  build: {
    outDir: "../target/classes/theme/keygate/account/resources",
    // Maven builds this before it copies the theme's hand-written resources (content.json) here.
    emptyOutDir: true,
    manifest: true,
    modulePreload: false,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: "src/main.tsx",
      // React is bundled rather than taken from keycloak.v3's import map: the CommonJS parts of the
      // dependencies would otherwise call require("react") in the browser. One script, no chunks:
      // Keycloak turns the manifest's chunk imports into modulepreload links by their manifest keys,
      // which are not file names.
      output: { codeSplitting: false },
      onwarn(warning, warn) {
        // react-router's "use client" directives mean nothing in a client-only bundle.
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") {
          warn(warning);
        }
      },
    },
  },
});
