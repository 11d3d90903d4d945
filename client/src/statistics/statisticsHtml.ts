// The statistics page: an empty shell that the bundled script fills in with charts. Locked down as the study page is,
// and tighter: it loads no images and no fonts, only its own script (by nonce) and stylesheet.
import { webviewPageHtml } from "../study/studyHtml";

export interface StatisticsPageResources {
  /** `webview.cspSource`: the origin of files served through `asWebviewUri`. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** The stylesheet every page shares (`base.css`). */
  baseStyleUri: string;
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
  const { cspSource, scriptUri, styleUri, baseStyleUri, nonce } = resources;
  return webviewPageHtml({ title: "Statistics", policy: statisticsPolicy(cspSource, nonce), baseStyleUri, styleUris: [styleUri], scriptUri, nonce });
}
