import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Three suites, run one at a time by scripts/test.sh: unit (the `vscode` module faked), page (the study panel's page in
// headless Chromium) and e2e (the packaged extension in code-server, driven through Chromium).
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { vscode: here("./test/unit/fakes/vscode.ts") } },
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node" },
      },
      {
        test: { name: "page", include: ["test/page/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 240_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
