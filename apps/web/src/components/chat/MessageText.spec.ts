import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import MessageText from './MessageText.vue';

function render(content: string) {
  return mount(MessageText, { props: { content } });
}
const text = (content: string) => render(content).get('.message__content').element.textContent;

describe('MessageText', () => {
  it('shows plain text exactly, inner spaces and line breaks included', () => {
    const content = 'two  spaces\nand a new line with https://example.com/a.';
    const wrapper = render(content);
    expect(wrapper.find('br').exists()).toBe(false);
    expect(wrapper.get('.message__content').element.textContent).toBe(content);
  });

  it('turns an http(s) address into an anchor that opens safely in a new tab', () => {
    const wrapper = render('read https://example.com/docs?a=1&b=2, then reply');
    const anchors = wrapper.findAll('a');
    expect(anchors).toHaveLength(1);
    const anchor = anchors[0];
    expect(anchor?.text()).toBe('https://example.com/docs?a=1&b=2');
    expect(anchor?.attributes('href')).toBe('https://example.com/docs?a=1&b=2');
    expect(anchor?.attributes('target')).toBe('_blank');
    expect(anchor?.attributes('rel')).toBe('noopener noreferrer nofollow');
    expect(text('read https://example.com/docs?a=1&b=2, then reply')).toBe(
      'read https://example.com/docs?a=1&b=2, then reply',
    );
  });

  it('renders the subset: bold, italic, strike, code, fenced code, quotes, [links](…)', () => {
    const wrapper = render(
      '**bold** *italic* _also_ ~~gone~~ `a < b` [docs](https://example.org/x)\n\n> quoted\n\n```ts\nconst x = 1 < 2;\n```',
    );
    expect(wrapper.get('strong').text()).toBe('bold');
    expect(wrapper.findAll('em').map((e) => e.text())).toEqual(['italic', 'also']);
    expect(wrapper.get('s').text()).toBe('gone');
    expect(wrapper.get('code.message__code').text()).toBe('a < b');
    expect(wrapper.get('a').attributes('href')).toBe('https://example.org/x');
    expect(wrapper.get('a').text()).toBe('docs');
    expect(wrapper.get('blockquote').text()).toBe('quoted');
    expect(wrapper.get('pre code').text()).toBe('const x = 1 < 2;');
    expect(wrapper.get('pre code').attributes('data-language')).toBe('ts');
  });

  it('keeps markup as text: no element, attribute or entity comes from the content', () => {
    const content =
      '<img src=x onerror="alert(1)"><b>bold?</b> &lt;i&gt; <a href="javascript:alert(1)">https://ok.example</a>';
    const wrapper = render(content);
    expect(wrapper.get('.message__content').element.textContent).toBe(content);
    expect(wrapper.find('img').exists()).toBe(false);
    expect(wrapper.find('b').exists()).toBe(false);
    expect(wrapper.findAll('a').map((a) => a.attributes('href'))).toEqual(['https://ok.example/']);
  });

  it.each([
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](data:text/html,<script>alert(1)</script>)',
    '[x](vbscript:msgbox(1))',
    '[x](/relative/path)',
    '![img](https://example.org/a.png)',
  ])('renders %s inert: no link to anything but http(s), no image', (content) => {
    const wrapper = render(content);
    expect(wrapper.find('img').exists()).toBe(false);
    for (const anchor of wrapper.findAll('a')) {
      expect(anchor.attributes('href')).toMatch(/^https?:\/\//);
    }
    expect(
      wrapper
        .findAll('a')
        .every((a) => !/javascript|data:|vbscript/i.test(a.attributes('href') ?? '')),
    ).toBe(true);
  });

  it('keeps nested and unclosed code fences as text inside one code block', () => {
    const content = '````\n```\n<script>alert(1)</script>\n```\n````';
    const wrapper = render(content);
    expect(wrapper.findAll('pre')).toHaveLength(1);
    expect(wrapper.get('pre code').text()).toBe('```\n<script>alert(1)</script>\n```');
    expect(wrapper.find('script').exists()).toBe(false);
    const unclosed = render('```\n**not bold** <b>x</b>');
    expect(unclosed.find('strong').exists()).toBe(false);
    expect(unclosed.get('pre code').text()).toBe('**not bold** <b>x</b>');
  });

  it('leaves what is outside the subset as typed: headings, lists, tables, html entities', () => {
    const content = '# not a heading\n- not a list\n| a | b |\n&copy;';
    const wrapper = render(content);
    for (const tag of ['h1', 'ul', 'li', 'table']) expect(wrapper.find(tag).exists()).toBe(false);
    expect(wrapper.get('.message__content').text()).toContain('&copy;');
    expect(wrapper.get('.message__content').text()).toContain('# not a heading');
  });
});
