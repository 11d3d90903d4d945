// Bundles the extension (Node, CommonJS, `vscode` left external), the study page and the statistics page (browser), and
// copies the pages' CSS (their shared base.css too) and KaTeX's stylesheet and fonts next to it.
// `node esbuild.mjs [--production]`.
import * as esbuild from "esbuild";
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const production = process.argv.includes("--production");
const dist = join(root, "dist");

rmSync(dist, { recursive: true, force: true });

await esbuild.build({
  entryPoints: [join(root, "src/extension.ts")],
  outfile: join(dist, "extension.js"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["vscode"],
  sourcemap: !production,
  minify: production,
  logLevel: "warning",
});

// The webview pages, each its own browser bundle: the study page, and the statistics page (Chart.js and
// chartjs-chart-matrix inside).
for (const [entry, out] of [["src/webview/main.ts", "study.js"], ["src/webview/statistics/main.ts", "statistics.js"]]) {
  await esbuild.build({
    entryPoints: [join(root, entry)],
    outfile: join(dist, "webview", out),
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "chrome120",
    sourcemap: !production,
    minify: production,
    logLevel: "warning",
  });
}

const webview = join(dist, "webview");
cpSync(join(root, "src/webview/statistics/statistics.css"), join(webview, "statistics.css"));
cpSync(join(root, "src/webview/study.css"), join(webview, "study.css"));
cpSync(join(root, "src/webview/base.css"), join(webview, "base.css"));
const katex = join(root, "node_modules/katex/dist");
mkdirSync(join(webview, "katex/fonts"), { recursive: true });
cpSync(join(katex, "katex.min.css"), join(webview, "katex/katex.min.css"));
for (const font of readdirSync(join(katex, "fonts")).filter((name) => name.endsWith(".woff2"))) {
  cpSync(join(katex, "fonts", font), join(webview, "katex/fonts", font));
}
