import { describe, expect, it } from 'vitest';
import { insertMention, matchingNames, mentionQueryAt } from './mention-query';

const at = (text: string) => mentionQueryAt(text, text.length);

describe('mentionQueryAt', () => {
  it('finds the @name being typed at the caret, an empty one included', () => {
    expect(at('@')).toEqual({ start: 0, prefix: '' });
    expect(at('hi @gr')).toEqual({ start: 3, prefix: 'gr' });
    expect(at('(@Grace.H')).toEqual({ start: 1, prefix: 'Grace.H' });
    expect(mentionQueryAt('hi @grace and', 6)).toEqual({ start: 3, prefix: 'gr' });
  });

  it('ignores an @ after a name character, a finished name and an over-long one', () => {
    expect(at('ada@example')).toBeNull();
    expect(at('hi @grace ')).toBeNull();
    expect(at('no at sign')).toBeNull();
    expect(at(`@${'x'.repeat(33)}`)).toBeNull();
    expect(at(`@${'x'.repeat(32)}`)).toEqual({ start: 0, prefix: 'x'.repeat(32) });
  });
});

describe('insertMention', () => {
  it('replaces the typed prefix with @username and one space, the caret after it', () => {
    expect(insertMention('hi @gr', { start: 3, prefix: 'gr' }, 'grace')).toEqual({
      text: 'hi @grace ',
      caret: 10,
    });
  });

  it('replaces the whole name the caret was inside and keeps the text after it', () => {
    expect(insertMention('hi @grxx there', { start: 3, prefix: 'gr' }, 'Grace')).toEqual({
      text: 'hi @Grace there',
      caret: 10,
    });
  });
});

describe('matchingNames', () => {
  it('keeps the names starting with the prefix, case-insensitively, up to the limit', () => {
    const names = ['ada', 'Grace', 'greg', 'linus'];
    expect(matchingNames(names, 'GR', 8)).toEqual(['Grace', 'greg']);
    expect(matchingNames(names, '', 2)).toEqual(['ada', 'Grace']);
  });
});
