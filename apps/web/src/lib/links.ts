/** A piece of a message: plain text, or a web address to show as a link. */
export type TextPart =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/**
 * Candidates start with http:// or https:// where a word does not continue (so "xhttps://" is
 * text), or with "www." that does not follow a word, an address or a path; they run to the next
 * whitespace or character that cannot appear bare in a URL.
 */
const CANDIDATE =
  /(?<![\p{L}\p{N}_])https?:\/\/[^\s<>"'`]+|(?<![\p{L}\p{N}_@./:-])www\.[^\s<>"'`]+/giu;
/** A bare "www." address needs a name and a top-level domain after it: www.example.org. */
const BARE_WWW = /^www\.[\p{L}\p{N}-]+\.[\p{L}\p{N}]/iu;
/** Sentence punctuation after an address belongs to the sentence, not to the address. */
const TRAILING_PUNCTUATION = /[.,;:!?]$/;
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** Drops trailing punctuation and unmatched closing brackets: "(see https://x.org/a_(b))." */
function trimTrailing(candidate: string): string {
  let url = candidate;
  for (;;) {
    const last = url.slice(-1);
    const opener = CLOSERS[last];
    if (TRAILING_PUNCTUATION.test(last)) url = url.slice(0, -1);
    else if (opener && count(url, last) > count(url, opener)) url = url.slice(0, -1);
    else return url;
  }
}

/** The address as a safe http(s) href, or null when it is not a usable web address. */
function toHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    const isWeb = parsed.protocol === 'http:' || parsed.protocol === 'https:';
    return isWeb && parsed.hostname !== '' ? parsed.href : null;
  } catch {
    return null;
  }
}

function pushText(parts: TextPart[], text: string): void {
  if (!text) return;
  const previous = parts.at(-1);
  if (previous?.kind === 'text') previous.text += text;
  else parts.push({ kind: 'text', text });
}

/**
 * Splits message text into text and http(s) link parts (a bare www. address included); joined
 * back, the parts' texts are the input exactly. Any other scheme (javascript:, data:, mailto:…)
 * stays text.
 */
export function splitLinks(content: string): TextPart[] {
  const parts: TextPart[] = [];
  let cursor = 0;
  for (const match of content.matchAll(CANDIDATE)) {
    const url = trimTrailing(match[0]);
    const bare = !/^https?:/i.test(url);
    if (bare && !BARE_WWW.test(url)) continue;
    // A bare address opens over https, as a browser's address bar would try first.
    const href = toHref(bare ? `https://${url}` : url);
    if (!href) continue;
    pushText(parts, content.slice(cursor, match.index));
    parts.push({ kind: 'link', text: url, href });
    cursor = match.index + url.length;
  }
  pushText(parts, content.slice(cursor));
  return parts;
}
