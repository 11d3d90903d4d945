// Card HTML from the server, made safe to insert here whatever it holds. The server sanitizes already; the page does
// not rely on that: a strict allowlist keeps text and formatting and drops every script, handler, frame, form and
// style, links keep only web, mail and in-page targets, and images load only from the deck's folder.

/** Where the card's deck lives: as the server names it (file: URI) and as the page may load it (webview URI). */
export interface CardFolder {
  /** The webview URI of the deck's folder, ending in "/". */
  baseUri: string;
  /** The deck's folder as a file: URI, ending in "/". */
  folderUri: string;
}
import DOMPurify from "dompurify";
import katex from "katex";

const allowedTags = [
  "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div", "dl",
  "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd",
  "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table",
  "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
];

const allowedAttributes = ["href", "src", "alt", "title", "class", "colspan", "rowspan", "align", "start", "type", "checked", "disabled", "lang", "dir"];

const purifier = DOMPurify(window);
purifier.addHook("afterSanitizeAttributes", (node) => {
  if (node instanceof HTMLInputElement) {
    // Task-list checkboxes only, and read-only.
    if (node.type !== "checkbox") {
      node.remove();
      return;
    }
    node.disabled = true;
  }
});

/** Parses `html` into a fragment with only allowed content, images mapped into the deck's folder or dropped. */
export function safeCardFragment(html: string, folder: CardFolder): DocumentFragment {
  const fragment = purifier.sanitize(html, {
    ALLOWED_TAGS: allowedTags,
    ALLOWED_ATTR: allowedAttributes,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|file:|#|[^:]*$|[^:]*[/?#])/i,
    RETURN_DOM_FRAGMENT: true,
  }) as DocumentFragment;

  for (const link of Array.from(fragment.querySelectorAll("a"))) {
    const href = link.getAttribute("href");
    if (href !== null && !/^(https?:|mailto:|#)/i.test(href)) {
      link.removeAttribute("href"); // a relative link has nowhere to go in the panel
    }
  }
  for (const image of Array.from(fragment.querySelectorAll("img"))) {
    const source = resolveImage(image.getAttribute("src"), folder);
    if (source) {
      image.setAttribute("src", source);
    } else {
      const text = document.createElement("span");
      text.className = "blocked-image";
      text.textContent = `[image: ${image.getAttribute("alt") || image.getAttribute("src") || "?"}]`;
      image.replaceWith(text);
    }
  }
  renderMath(fragment);
  return fragment;
}

/**
 * The address to load an image from, if it lies in the deck's folder or below: a file: URI under `folderUri` (as the
 * server writes relative paths) or a relative path, both mapped under `baseUri`. Undefined for any other image.
 */
export function resolveImage(src: string | null, folder: CardFolder): string | undefined {
  if (!src || !folder.baseUri) {
    return undefined;
  }
  try {
    const base = new URL(folder.baseUri);
    let url: URL;
    if (/^file:/i.test(src)) {
      const image = filePath(new URL(src));
      const deckFolder = filePath(new URL(folder.folderUri));
      if (!deckFolder.endsWith("/") || !image.startsWith(deckFolder)) {
        return undefined;
      }
      const relative = image.slice(deckFolder.length).split("/").map(encodeURIComponent).join("/");
      url = new URL(relative, base);
    } else {
      url = new URL(src, base);
    }
    return url.origin === base.origin && url.pathname.startsWith(base.pathname) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

// A file: URI's path, decoded and with a Windows drive letter in lower case, for comparing two spellings of it.
function filePath(url: URL): string {
  const path = decodeURIComponent(url.pathname);
  return /^\/[A-Za-z]:/.test(path) ? path[0] + path[1].toLowerCase() + path.slice(2) : path;
}

/**
 * The server writes math as `<span class="math">\(…\)</span>`, display math as `<div class="math">\[…\]</div>`, or,
 * written `$$…$$` inside a paragraph, `<span class="math">\[…\]</span>`; KaTeX draws it.
 */
function renderMath(root: DocumentFragment): void {
  for (const element of Array.from(root.querySelectorAll<HTMLElement>(".math"))) {
    const source = (element.textContent ?? "").trim();
    const display = element.tagName === "DIV" || source.startsWith("\\[");
    const tex = source
      .replace(/^\\[([]|^\$\$?/, "")
      .replace(/\\[)\]]$|\$\$?$/, "")
      .trim();
    try {
      // katex.render builds DOM nodes (styles set through the CSSOM), which the page's CSP allows.
      katex.render(tex, element, { displayMode: display, throwOnError: false, trust: false, maxExpand: 1000 });
    } catch {
      element.textContent = tex;
    }
  }
}
