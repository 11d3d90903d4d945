// The statistics page: an empty shell that the bundled script fills in with charts. Locked down as the study page is,
// and tighter: it loads no images and no fonts, only its own script (by nonce) and stylesheet.
import { attribute } from "../study/studyHtml";

export interface StatisticsPageResources {
  /** `webview.cspSource`: the origin of files served through `asWebviewUri`. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce: string;
}

export function statisticsPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join("; ");
}

export function statisticsPageHtml(resources: StatisticsPageResources): string {
  const { cspSource, scriptUri, styleUri, nonce } = resources;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(statisticsPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(styleUri)}">
<title>Statistics</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="status">Loading…</p></main>
<script nonce="${attribute(nonce)}" src="${attribute(scriptUri)}"></script>
</body>
</html>`;
}
