import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import MessageText from './MessageText.vue';

function render(content: string) {
  return mount(MessageText, { props: { content } });
}

describe('MessageText', () => {
  it('shows the content exactly, whitespace and line breaks included', () => {
    const content = '  two\nlines  with https://example.com/a.  ';
    expect(render(content).get('p').element.textContent).toBe(content);
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
    expect(wrapper.get('p').element.textContent).toBe(
      'read https://example.com/docs?a=1&b=2, then reply',
    );
  });

  it('keeps markup as text, even around a link', () => {
    const content =
      '<img src=x onerror="alert(1)"><a href="javascript:alert(1)">https://ok.example</a>';
    const wrapper = render(content);
    expect(wrapper.get('p').element.textContent).toBe(content);
    expect(wrapper.find('img').exists()).toBe(false);
    const hrefs = wrapper.findAll('a').map((a) => a.attributes('href'));
    expect(hrefs).toEqual(['https://ok.example/']);
  });

  it('never links a javascript: address', () => {
    const wrapper = render('javascript:alert(document.cookie)');
    expect(wrapper.find('a').exists()).toBe(false);
    expect(wrapper.text()).toBe('javascript:alert(document.cookie)');
  });
});
