import MarkdownIt, { type Token } from 'markdown-it';
import { splitLinks } from './links';

/**
 * A message's text as a small tree of safe nodes: the subset of Markdown chat users expect —
 * **bold**, *italic*, ~~strike~~, `code`, fenced code blocks, > quotes and http(s) links — and
 * nothing else. It is built from markdown-it's tokens with HTML off, and rendered as DOM nodes
 * (never as an HTML string), so `<b>` stays visible as `<b>` and no attribute is ever copied from
 * the text but a link's href, and only when it is http(s).
 */
export type MdNode =
  | { kind: 'text'; text: string }
  | { kind: 'break' }
  | { kind: 'code'; text: string }
  | { kind: 'fence'; text: string; language: string }
  | { kind: 'link'; href: string; children: MdNode[] }
  | { kind: 'strong' | 'em' | 'strike' | 'paragraph' | 'quote' | 'plain'; children: MdNode[] };

type Container = Extract<MdNode, { children: MdNode[] }>;

// 'zero' turns every rule off; only the subset's rules go back on. No html, no images, no lists,
// no headings, no tables, no entities: all of those stay the characters that were typed.
const parser = new MarkdownIt('zero', { html: false, breaks: true, linkify: false }).enable([
  'paragraph',
  'blockquote',
  'fence',
  'newline',
  'escape',
  'backticks',
  'emphasis',
  'strikethrough',
  'link',
]);

/** The href of an http(s) address, or null for anything else (javascript:, data:, relative…). */
function webHref(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname
      ? url.href
      : null;
  } catch {
    return null;
  }
}

const OPENERS: Record<string, Container['kind']> = {
  strong_open: 'strong',
  em_open: 'em',
  s_open: 'strike',
  paragraph_open: 'paragraph',
  blockquote_open: 'quote',
};

/** Plain text, with bare web addresses made links as before (see splitLinks). */
function textNodes(text: string): MdNode[] {
  return splitLinks(text).map((part) =>
    part.kind === 'link'
      ? { kind: 'link', href: part.href, children: [{ kind: 'text', text: part.text }] }
      : { kind: 'text', text: part.text },
  );
}

function build(tokens: Token[], outer: { node: Container | null }[] = []): MdNode[] {
  const root: MdNode[] = [];
  const stack: { node: Container | null; children: MdNode[] }[] = [{ node: null, children: root }];
  const top = () => stack[stack.length - 1] ?? { node: null, children: root };
  for (const token of tokens) {
    const opened = OPENERS[token.type];
    if (opened) {
      const node = { kind: opened, children: [] } as Container;
      top().children.push(node);
      stack.push({ node, children: node.children });
    } else if (token.type === 'link_open') {
      const raw = token.attrGet('href');
      const href = webHref(typeof raw === 'string' ? raw : null);
      // A link to anything but http(s) is not a link: its text stays, as text.
      const node: Container = href
        ? { kind: 'link', href, children: [] }
        : { kind: 'plain', children: [] };
      top().children.push(node);
      stack.push({ node, children: node.children });
    } else if (token.type.endsWith('_close')) {
      if (stack.length > 1) stack.pop();
    } else if (token.type === 'inline') {
      top().children.push(...build(token.children ?? [], stack));
    } else if (token.type === 'text') {
      // Inside a link the text is the link's; elsewhere bare addresses become links.
      const insideLink = [...outer, ...stack].some((entry) => entry.node?.kind === 'link');
      top().children.push(
        ...(insideLink
          ? [{ kind: 'text' as const, text: token.content }]
          : textNodes(token.content)),
      );
    } else if (token.type === 'softbreak' || token.type === 'hardbreak') {
      top().children.push({ kind: 'break' });
    } else if (token.type === 'code_inline') {
      top().children.push({ kind: 'code', text: token.content });
    } else if (token.type === 'fence' || token.type === 'code_block') {
      top().children.push({
        kind: 'fence',
        text: token.content.replace(/\n$/, ''),
        language: token.info.trim().split(/\s+/)[0] ?? '',
      });
    }
  }
  return root;
}

/** Parses a message's plain text into the safe Markdown subset's nodes. */
export function parseMarkdown(content: string): MdNode[] {
  return build(parser.parse(content, {}));
}
