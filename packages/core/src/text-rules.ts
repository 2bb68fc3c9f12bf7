/**
 * Which characters people may type into names and reasons. A name is shown in the admins' mail
 * subject and list, so it must read as what it is: no control characters, no direction overrides
 * (`Bob \u202egnp.exe` displays as "Bob exe.png"), and something visible. A reason is free text
 * across lines, so it keeps line breaks and tabs, but not overrides or C1 controls either.
 *
 * Left-to-right and right-to-left marks (U+200E, U+200F, U+061C) are refused in names, where they
 * are never needed and can reorder the punctuation around them, and allowed in reasons, where mixed
 * right-to-left and left-to-right text needs them to read correctly.
 */

/** Embeddings, overrides and isolates: U+202A–U+202E, U+2066–U+2069. */
const DIRECTION_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const DIRECTION_MARK = /[\u200E\u200F\u061C]/u;
/** C0, DEL and C1, which holds NEL (U+0085). */
const CONTROL = /\p{Cc}/u;
const LINE_BREAK = /[\t\n\r\u2028\u2029]/u;
const isControlButLineBreak = (char: string) => CONTROL.test(char) && !'\t\n\r'.includes(char);
/**
 * Characters that draw nothing: spaces, format characters (zero-width space and joiners, BOM),
 * combining marks on their own, and the blank letters of Hangul and Braille.
 */
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{Cc}\p{Z}\p{M}\u115F\u1160\u3164\uFFA0\u2800]/u;

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function describe(char: string, what: string): string {
  return `${codePoint(char)} (${what})`;
}

/** Why `name` cannot be a name, with the fix; null when it can. Expects it trimmed and NFC. */
export function nameProblem(name: string): string | null {
  for (const char of name) {
    if (LINE_BREAK.test(char) || CONTROL.test(char)) {
      return `A name cannot contain line breaks or control characters such as ${codePoint(char)}: type it on one line without them.`;
    }
    if (DIRECTION_CONTROL.test(char) || DIRECTION_MARK.test(char)) {
      return `A name cannot contain ${describe(char, 'an invisible text-direction control')}: it would make the name display as something else. Remove it.`;
    }
  }
  if (![...name].some((char) => !INVISIBLE.test(char))) {
    return 'A name needs at least one visible character: invisible ones alone (zero-width spaces, joiners) show as nothing.';
  }
  return null;
}

/** Why `reason` cannot be a reason, with the fix; null when it can. Line breaks are fine. */
export function reasonProblem(reason: string, what = 'The reason'): string | null {
  for (const char of reason) {
    if (isControlButLineBreak(char)) {
      return `${what} cannot contain control characters such as ${codePoint(char)}: remove them (line breaks and tabs are fine).`;
    }
    if (DIRECTION_CONTROL.test(char)) {
      return `${what} cannot contain ${describe(char, 'an invisible text-direction override')}: it would make the text display as something else. Remove it.`;
    }
  }
  return null;
}
