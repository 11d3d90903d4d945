// The study panel's page: an empty shell that the bundled script fills in. Locked down as VS Code's Markdown preview:
// nothing loads or runs unless it comes from the extension (or, for images, the deck's folder) or carries the nonce.

export interface StudyPageResources {
  /** `webview.cspSource`: the origin of files served through `asWebviewUri`. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** The stylesheet every page shares (`base.css`). */
  baseStyleUri: string;
  katexStyleUri: string;
  nonce: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join("; ");
}

export function studyPageHtml(resources: StudyPageResources): string {
  const { cspSource, scriptUri, styleUri, baseStyleUri, katexStyleUri, nonce } = resources;
  return webviewPageHtml({
    title: "Study",
    policy: contentSecurityPolicy(cspSource, nonce),
    baseStyleUri,
    styleUris: [katexStyleUri, styleUri],
    scriptUri,
    nonce,
  });
}

/**
 * The shell every DeckLsp webview page shares: its policy, the shared stylesheet then the page's own (so the page's
 * rules win over the shared ones), a live region and one script by nonce.
 */
export function webviewPageHtml(page: {
  title: string;
  policy: string;
  baseStyleUri: string;
  styleUris: string[];
  scriptUri: string;
  nonce: string;
}): string {
  const styles = [page.baseStyleUri, ...page.styleUris].map((uri) => `<link rel="stylesheet" href="${attribute(uri)}">\n`).join("");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(page.policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}<title>${page.title}</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="status">Loading…</p></main>
<script nonce="${attribute(page.nonce)}" src="${attribute(page.scriptUri)}"></script>
</body>
</html>`;
}

/** 32 random characters for the script nonce. */
export function makeNonce(random: (size: number) => Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(random(32), (byte) => alphabet[byte % alphabet.length]).join("");
}

/** Escapes a value for a double-quoted HTML attribute. */
export function attribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
