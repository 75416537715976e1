import { describe, expect, it } from 'vitest';
import { splitLinks, type TextPart } from './links';

const text = (value: string): TextPart => ({ kind: 'text', text: value });
const link = (value: string, href = value): TextPart => ({ kind: 'link', text: value, href });
const joined = (parts: TextPart[]) => parts.map((part) => part.text).join('');

describe('splitLinks', () => {
  it('leaves text without addresses as one text part, and empty text as none', () => {
    expect(splitLinks('just words, no links')).toEqual([text('just words, no links')]);
    expect(splitLinks('')).toEqual([]);
  });

  it('finds http and https addresses among text, in order', () => {
    expect(
      splitLinks('docs at https://vuejs.org/guide/ and http://example.com/a?b=1#c too'),
    ).toEqual([
      text('docs at '),
      link('https://vuejs.org/guide/'),
      text(' and '),
      link('http://example.com/a?b=1#c'),
      text(' too'),
    ]);
  });

  it('links an address that is the whole message, normalising the href', () => {
    expect(splitLinks('HTTPS://Example.com')).toEqual([
      link('HTTPS://Example.com', 'https://example.com/'),
    ]);
  });

  it('leaves sentence punctuation after an address in the text', () => {
    expect(splitLinks('See https://example.com/a.')).toEqual([
      text('See '),
      link('https://example.com/a'),
      text('.'),
    ]);
    expect(splitLinks('https://a.example, https://b.example; ok?! https://c.example/x:')).toEqual([
      link('https://a.example', 'https://a.example/'),
      text(', '),
      link('https://b.example', 'https://b.example/'),
      text('; ok?! '),
      link('https://c.example/x'),
      text(':'),
    ]);
  });

  it('leaves a closing bracket outside unless the address opened it', () => {
    expect(splitLinks('(see https://example.com/page)')).toEqual([
      text('(see '),
      link('https://example.com/page'),
      text(')'),
    ]);
    expect(splitLinks('(https://en.wikipedia.org/wiki/Vue_(framework)).')).toEqual([
      text('('),
      link('https://en.wikipedia.org/wiki/Vue_(framework)'),
      text(').'),
    ]);
  });

  it('keeps every other scheme as plain text', () => {
    for (const unsafe of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'mailto:someone@example.com',
      'ftp://example.com/file',
    ]) {
      expect(splitLinks(`click ${unsafe} now`)).toEqual([text(`click ${unsafe} now`)]);
    }
  });

  it('does not start a link inside a word or accept an address without a host', () => {
    expect(splitLinks('javascript:https://evil.example')).toEqual([
      text('javascript:'),
      link('https://evil.example', 'https://evil.example/'),
    ]);
    expect(splitLinks('xhttps://example.com')).toEqual([text('xhttps://example.com')]);
    expect(splitLinks('only http:// here')).toEqual([text('only http:// here')]);
  });

  it('stops at markup characters, so the rest stays text', () => {
    const parts = splitLinks('<a href="https://example.com/x">y</a>');
    expect(parts.filter((part) => part.kind === 'link')).toEqual([link('https://example.com/x')]);
    expect(joined(parts)).toBe('<a href="https://example.com/x">y</a>');
  });

  it('gives back the input exactly when the parts are joined', () => {
    const message = 'a https://x.example/(1) b\nhttps://y.example/?q=1, c https://';
    expect(joined(splitLinks(message))).toBe(message);
  });

  it('links a bare www. address over https, but not a lone "www." or one inside another word', () => {
    expect(splitLinks('see www.example.org, or WWW.Example.com/a.')).toEqual([
      text('see '),
      link('www.example.org', 'https://www.example.org/'),
      text(', or '),
      link('WWW.Example.com/a', 'https://www.example.com/a'),
      text('.'),
    ]);
    for (const plain of ['www.', 'www.example', 'mail@www.example.org', 'sub.www.example.org']) {
      expect(splitLinks(plain)).toEqual([text(plain)]);
    }
    expect(splitLinks('https://www.example.org')).toEqual([
      link('https://www.example.org', 'https://www.example.org/'),
    ]);
  });
});
