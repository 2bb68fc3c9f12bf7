/**
 * User text in an unstructured header (a Subject naming a person) must reach the reader as it was
 * typed. Mail clients decode RFC 2047 encoded words (`=?utf-8?b?…?=`) wherever they find them, so a
 * name typed as `=?utf-8?b?QWRtaW4=?=` would be shown as "Admin", or as whatever text the sender chose.
 * nodemailer leaves a well-formed encoded word alone (it takes it for one the caller made), so a
 * value holding `=?` is encoded here, whole, as encoded words of its own: decoding them gives back
 * the literal text, `=?` and all.
 */
import { encodeWord } from 'nodemailer/lib/mime-funcs';

// nodemailer's own length for an encoded word in a header line.
const ENCODED_WORD_LENGTH = 52;

export function literalHeaderText(value: string): string {
  return value.includes('=?') ? encodeWord(value, 'B', ENCODED_WORD_LENGTH) : value;
}
