import { describe, expect, it } from 'vitest';
import { denyInput, nameSchema, reasonSchema, registerInput } from './schemas.js';

const valid = {
  email: 'ada@example.com',
  password: 'correct horse battery',
  name: 'Ada Lovelace',
  role: 'power',
};

/** What `schema` says first about `text`, or null when it takes it. */
const firstError = (schema: typeof nameSchema | typeof reasonSchema, text: string) => {
  const result = schema.safeParse(text);
  return result.success ? null : (result.error.issues[0]?.message ?? '');
};
const nameError = (name: string) => firstError(nameSchema, name);
const reasonError = (reason: string) => firstError(reasonSchema, reason);

describe('names', () => {
  it.each([
    ['a right-to-left override', 'Bob \u202egnp.exe', /U\+202E.*direction/],
    ['a left-to-right embedding', 'Bob \u202aX', /U\+202A/],
    ['a pop directional formatting', 'Bob \u202cX', /U\+202C/],
    ['a right-to-left isolate', 'Bob \u2067X\u2069', /U\+2067/],
    ['a first-strong isolate', 'Bob \u2068X', /U\+2068/],
    ['a right-to-left mark', 'Bob\u200f', /U\+200F/],
    ['a left-to-right mark', '\u200eBob', /U\+200E/],
    ['an Arabic letter mark', 'Bob\u061c', /U\+061C/],
    ['a line separator', 'Bob\u2028Eve', /U\+2028.*one line/],
    ['a paragraph separator', 'Bob\u2029Eve', /U\+2029/],
    ['NEL', 'Bob\u0085Eve', /U\+0085/],
    ['a C1 control', 'Bob\u009bEve', /U\+009B/],
    ['a tab', 'Bob\tEve', /U\+0009/],
    ['a line feed', 'Bob\nEve', /U\+000A/],
    ['DEL', 'Bob\u007f', /U\+007F/],
  ])('refuses %s, naming the character and the fix', (_what, name, message) => {
    expect(nameError(name)).toMatch(message);
    expect(nameError(name)).toMatch(/Remove it|without them/);
  });

  it.each([
    ['zero-width spaces', '\u200b\u200b'],
    ['a zero-width joiner', '\u200d'],
    ['a byte order mark and a zero-width space', '\ufeff\u200b'],
    ['a word joiner and a no-break space', '\u2060\u00a0'],
    ['a Hangul filler', '\u3164'],
    ['a combining mark', '\u0301'],
    ['a Braille blank', '\u2800'],
  ])('refuses a name of %s alone: nothing visible', (_what, name) => {
    expect(nameError(name)).toMatch(/at least one visible character/);
  });

  it('accepts names in any script, with joiners where a script or an emoji needs them', () => {
    for (const name of [
      'Zoë Ñúñez',
      'محمد علي',
      'דוד כהן',
      '李小龍',
      'می‌خواهم',
      'Ada 👩‍💻',
      "O'Brien-Smith",
    ]) {
      expect(nameError(name), name).toBeNull();
    }
  });

  it('stores a name in NFC: the same name typed two ways is one name', () => {
    expect(nameSchema.parse('Zoe\u0308')).toBe('Zo\u00eb');
    expect(registerInput.parse({ ...valid, name: ' Zoe\u0308 ' }).name).toBe('Zo\u00eb');
  });
});

describe('reasons', () => {
  it('keep line breaks and tabs, and marks that mixed-direction text needs', () => {
    expect(reasonError('I maintain the glossary.\nAnd the FAQ.\r\n\tThanks')).toBeNull();
    expect(reasonError('עברית\u200e (Hebrew) and English')).toBeNull();
  });

  it.each([
    ['an override', 'fine\u202e.exe', /U\+202E/],
    ['an isolate', 'fine\u2066x', /U\+2066/],
    ['NEL', 'a\u0085b', /U\+0085/],
    ['a C1 control', 'a\u0090b', /U\+0090/],
    ['NUL', 'a\u0000b', /U\+0000/],
    ['an escape', 'a\u001b[31mred', /U\+001B/],
  ])('refuse %s, naming the character and the fix', (_what, reason, message) => {
    expect(reasonError(reason)).toMatch(message);
    expect(reasonError(reason)).toMatch(/Remove|remove/);
  });

  it('are checked the same way where admins give one', () => {
    const result = denyInput.safeParse({
      requestId: '6f1c9a52-3d8e-4a51-9b7e-1b2c3d4e5f60',
      reason: 'no\u202e',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['reason']);
  });

  it('are stored in NFC', () => {
    expect(reasonSchema.parse('cafe\u0301')).toBe('caf\u00e9');
  });
});
