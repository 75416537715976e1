import { mentionedKeys } from './mention-parser';

describe('mentionedKeys', () => {
  it('finds @names in order of first appearance, once each, case-folded', () => {
    expect(mentionedKeys('@Bob and @ada, then @bob again')).toEqual(['bob', 'ada']);
  });

  it('takes the whole run of username characters as the name', () => {
    expect(mentionedKeys('hi @grace.hopper_42-x!')).toEqual(['grace.hopper_42-x']);
    // A trailing full stop is part of the run: "ada." is not "ada".
    expect(mentionedKeys('thanks @ada.')).toEqual(['ada.']);
  });

  it('ignores an @ that follows a letter, digit, _, . or -', () => {
    expect(mentionedKeys('mail ada@example.org, x_@bob, 1@carl, a.@dora, b-@eve')).toEqual([]);
  });

  it('accepts an @ at the start, after spaces, punctuation and newlines', () => {
    expect(mentionedKeys('@ann (@ben)\n@cid,@dan')).toEqual(['ann', 'ben', 'cid', 'dan']);
  });

  it('ignores names shorter than 3 or longer than 32 characters', () => {
    expect(mentionedKeys(`@al @${'x'.repeat(33)} @${'y'.repeat(32)}`)).toEqual(['y'.repeat(32)]);
  });

  it('does not fold non-ASCII: such names are no usernames', () => {
    expect(mentionedKeys('@Jürgen')).toEqual([]);
  });
});
