import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MimeNodeAddressInput } from 'nodemailer/lib/mime-node';
import { parseAddress } from './address.js';
import { literalHeaderText } from './header-text.js';
import type { EmailMessage } from './message.js';

/** The message as RFC 822 bytes (what goes after DATA, what the console and file backends write). */
export function renderMessage(message: EmailMessage): Promise<Buffer> {
  // The envelope travels beside the message (the SMTP session's MAIL FROM / RCPT TO), never in
  // it: left in, the composer would only parse every address of it once more.
  const { envelope: _envelope, ...options } = message.message();
  return new MailComposer({
    ...options,
    from: parsed(options.from),
    to: parsed(options.to),
    cc: parsed(options.cc),
    replyTo: parsed(options.replyTo),
    baseBoundary: boundaryBase(),
  })
    .compile()
    .build();
}

/**
 * Addresses already checked by EmailMessage, handed over as { name, address }: the composer writes
 * the same header from them without running its own address tokenizer (a fifth of composing a
 * short message). A header override that is not one plain address stays text for the composer.
 */
function parsed<T extends MimeNodeAddressInput | undefined>(field: T): T | MimeNodeAddressInput {
  if (Array.isArray(field)) return field.map((entry) => parsed(entry));
  if (typeof field !== 'string') return field;
  const address = parseAddress(field);
  if (address === null) return field;
  return { name: literalHeaderText(address.name ?? ''), address: address.email };
}

const BOUNDARY_BYTES = 8;
const BOUNDARIES_PER_DRAW = 256;
let boundaryPool = Buffer.alloc(0);
let boundaryOffset = 0;

/**
 * The random part of the message's MIME boundaries, as nodemailer makes it (8 random bytes, hex),
 * but drawn 256 messages at a time: nodemailer draws once for every part of every message.
 */
function boundaryBase(): string {
  if (boundaryOffset >= boundaryPool.length) {
    boundaryPool = randomBytes(BOUNDARY_BYTES * BOUNDARIES_PER_DRAW);
    boundaryOffset = 0;
  }
  const base = boundaryPool.toString('hex', boundaryOffset, boundaryOffset + BOUNDARY_BYTES);
  boundaryOffset += BOUNDARY_BYTES;
  return base;
}
