import { z } from 'zod';

/**
 * The stored form of an EmailMessage (the server's jsonb outbox). Validated on the way back in, so
 * a hand-edited or truncated row fails with the field's name instead of sending a broken message.
 */
const messageJSON = z.object({
  subject: z.string(),
  body: z.string(),
  contentSubtype: z.enum(['plain', 'html']).default('plain'),
  fromEmail: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()).default([]),
  bcc: z.array(z.string()).default([]),
  replyTo: z.array(z.string()).default([]),
  headers: z.record(z.string(), z.string()).default({}),
  attachments: z
    .array(
      z.object({
        filename: z.string().nullable(),
        content: z.base64(),
        mimetype: z.string().nullable(),
      }),
    )
    .default([]),
  alternatives: z.array(z.object({ content: z.string(), mimetype: z.string() })).default([]),
  messageId: z.string().min(3),
  date: z.iso.datetime({ offset: true }),
});

export type EmailMessageJSON = z.input<typeof messageJSON>;

export class InvalidMessageJSONError extends Error {
  override readonly name = 'InvalidMessageJSONError';
}

export function parseMessageJSON(json: unknown): z.output<typeof messageJSON> {
  const parsed = messageJSON.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new InvalidMessageJSONError(`Not a stored EmailMessage: ${issues}`);
}
