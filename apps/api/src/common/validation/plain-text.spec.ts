import 'reflect-metadata';
import { IsString, validateSync } from 'class-validator';
import { hasControlCharacters, IsPlainText } from './plain-text';
import { PlainTextParamsPipe } from './plain-text-params.pipe';
import { listProblems, MAX_LISTED_PROBLEMS } from './problems';

class Note {
  @IsPlainText()
  @IsString()
  text!: unknown;
}

const problemsOf = (text: unknown) =>
  validateSync(Object.assign(new Note(), { text })).flatMap((e) =>
    Object.values(e.constraints ?? {}),
  );

describe('the text rule', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['a lone NUL', '\u0000'],
    ['SOH', '\u0001'],
    ['backspace', 'x\u0008'],
    ['vertical tab', '\u000b'],
    ['form feed', '\u000c'],
    ['carriage return', 'line\r\nline'],
    ['escape', '\u001b[31mred'],
    ['unit separator', '\u001f'],
  ])('refuses %s', (_name, text) => {
    expect(hasControlCharacters(text)).toBe(true);
    expect(problemsOf(text)).toEqual(['text must not contain control characters']);
  });

  it.each([
    ['tab and newline', 'a\tb\nc'],
    ['emoji and other scripts', '👩‍💻 مرحبا 你好'],
    ['DEL and C1 controls, which are not C0', 'a\u007f\u0085b'],
    ['the empty string', ''],
  ])('accepts %s', (_name, text) => {
    expect(hasControlCharacters(text)).toBe(false);
    expect(problemsOf(text)).toEqual([]);
  });

  it('leaves a non-string to @IsString', () => {
    expect(problemsOf(42)).toEqual(['text must be a string']);
  });
});

function refusal(run: () => unknown): { code?: string; message: string } | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return { code, message };
  }
}

describe('PlainTextParamsPipe', () => {
  const pipe = new PlainTextParamsPipe();

  it('refuses a path parameter with a NUL as invalid, naming it', () => {
    expect(refusal(() => pipe.transform('\u0000', { type: 'param', data: 'name' }))).toEqual({
      code: 'invalid',
      message: 'name must not contain control characters',
    });
    expect(refusal(() => pipe.transform({ name: 'ok', id: 'x\u0001' }, { type: 'param' }))).toEqual(
      {
        code: 'invalid',
        message: 'id must not contain control characters',
      },
    );
  });

  it('passes other parameters and other kinds of argument untouched', () => {
    expect(pipe.transform('general', { type: 'param', data: 'name' })).toBe('general');
    expect(pipe.transform('\u0000', { type: 'body' })).toBe('\u0000');
  });
});

describe('listProblems', () => {
  it(`lists at most ${MAX_LISTED_PROBLEMS} problems and counts the rest`, () => {
    const many = Array.from({ length: 60_000 }, (_, i) => `property ${i} should not exist`);
    const listed = listProblems(many);
    expect(listed).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(listed.at(-1)).toBe(`and ${60_000 - MAX_LISTED_PROBLEMS} more problems`);
    expect(listProblems(['one', 'two'])).toEqual(['one', 'two']);
  });
});
