import { describe, expect, it } from 'vitest';
import { classifyDeliveryError } from './classify.js';
import { getConnection } from './connection.js';
import { MailDeliveryUncertainError, MailFailoverError } from './errors.js';
import { isUnreachable } from './network-failure.js';
import { testMessage } from './testing/message.js';
import { closedPort, settingsFor } from './testing/settings.js';
import { smtpServers } from './testing/smtp-servers.js';
import type { SmtpTransport } from './transport.js';

// The outbox worker's pattern: one connection per batch, open() and sendMessages([one]) per row.
const server = smtpServers();
const SHORT_TIMEOUT_MS = 300;

const message = (subject: string) => testMessage({ subject });

function failoverConnection(main: SmtpTransport, backup: SmtpTransport) {
  return getConnection(undefined, { settings: settingsFor(main, { failover: [backup] }) });
}

type ServerOptions = Parameters<typeof server>[0];
type TransportOptions = Parameters<Awaited<ReturnType<typeof server>>['transport']>[0];

/** A main server started with `options`, a healthy backup, and a failover connection over them. */
async function mainWithBackup(options: ServerOptions, mainTransport?: TransportOptions) {
  const main = await server(options);
  const backup = await server();
  const connection = failoverConnection(main.transport(mainTransport), backup.transport());
  return { main, backup, connection };
}

/** The subjects a server received, in order. */
function subjects(receiver: {
  received: { parsed: { subject?: string } }[];
}): (string | undefined)[] {
  return receiver.received.map((r) => r.parsed.subject);
}

async function sendOne(
  connection: ReturnType<typeof getConnection>,
  subject: string,
): Promise<number> {
  await connection.open();
  return connection.sendMessages([message(subject)]);
}

describe('an open connection with failover', () => {
  it('dials a silent main server once, until close() and open() again', async () => {
    const { main, backup, connection } = await mainWithBackup(
      { faults: { neverGreet: true } },
      { timeoutMs: SHORT_TIMEOUT_MS },
    );

    expect(await sendOne(connection, 'first')).toBe(1);
    expect(await sendOne(connection, 'second')).toBe(1);
    expect(main.connections).toBe(1);
    expect(backup.connections).toBe(1);

    await connection.close();
    expect(await sendOne(connection, 'third')).toBe(1);
    await connection.close();
    expect(main.connections).toBe(2);
    expect(subjects(backup)).toEqual(['first', 'second', 'third']);
  });

  it('skips a refused main server on later calls, reusing the error it gave', async () => {
    const port = await closedPort();
    const backup = await server();
    const connection = failoverConnection({ ...backup.transport(), port }, backup.transport());

    expect(await sendOne(connection, 'first')).toBe(1);
    expect(await sendOne(connection, 'second')).toBe(1);
    expect(backup.connections).toBe(1);
    expect(backup.received).toHaveLength(2);

    // With the backup gone too, both calls fail; the main server's error is the one remembered
    // from open(), the same object each time: it was not dialled again.
    await backup.close();
    const errors = await Promise.all([
      connection.sendMessages([message('third')]).catch((e: unknown) => e),
      connection.sendMessages([message('fourth')]).catch((e: unknown) => e),
    ]);
    await connection.close();
    const [third, fourth] = errors as MailFailoverError[];
    expect(third).toBeInstanceOf(MailFailoverError);
    expect(fourth).toBeInstanceOf(MailFailoverError);
    expect(third?.errors[0]).toBe(fourth?.errors[0]);
    expect(isUnreachable(third?.errors[0])).toBe(true);
  });

  it('remembers a main server that stops answering mid-batch', async () => {
    const { main, backup, connection } = await mainWithBackup(
      { faults: { dropAtRcptTo: true } },
      { timeoutMs: SHORT_TIMEOUT_MS },
    );

    // The main server takes the connection, then drops it during the first message's envelope...
    expect(await sendOne(connection, 'first')).toBe(1);
    // ...and is silent when dialled again for the second: skipped from then on.
    main.setFaults({ neverGreet: true });
    expect(await sendOne(connection, 'second')).toBe(1);
    expect(await sendOne(connection, 'third')).toBe(1);
    await connection.close();

    expect(main.connections).toBe(2);
    expect(backup.connections).toBe(1);
    expect(subjects(backup)).toEqual(['first', 'second', 'third']);
  });

  it('still tries a main server that answered with an SMTP refusal', async () => {
    const { main, backup, connection } = await mainWithBackup({
      faults: { mailFrom: { code: 421, times: 1 } },
    });

    expect(await sendOne(connection, 'first')).toBe(1);
    expect(await sendOne(connection, 'second')).toBe(1);
    await connection.close();

    expect(subjects(backup)).toEqual(['first']);
    expect(subjects(main)).toEqual(['second']);
  });

  it('still tries a main server that refused the credentials', async () => {
    const { main, backup, connection } = await mainWithBackup(
      { auth: { user: 'mailer', pass: 'right' } },
      { password: 'wrong' },
    );

    const refusals = () => main.events.filter((e) => e.type === 'auth' && e.code === 535).length;
    expect(await sendOne(connection, 'first')).toBe(1);
    const afterFirst = refusals();
    expect(await sendOne(connection, 'second')).toBe(1);
    await connection.close();

    expect(afterFirst).toBeGreaterThan(0);
    expect(refusals()).toBeGreaterThan(afterFirst);
    expect(backup.received).toHaveLength(2);
  });
});

describe('a connection used without open()', () => {
  it('tries the main server again on every call, as each call opens and closes', async () => {
    const { main, backup, connection } = await mainWithBackup(
      { faults: { neverGreet: true } },
      { timeoutMs: SHORT_TIMEOUT_MS },
    );

    expect(await connection.sendMessages([message('first')])).toBe(1);
    expect(await connection.sendMessages([message('second')])).toBe(1);

    expect(main.connections).toBe(2);
    expect(backup.connections).toBe(2);
  });
});

describe('failover only while the message cannot have been accepted', () => {
  it('does not fail over when the main server took the whole message and never answered: the error says it may be delivered', async () => {
    const { main, backup, connection } = await mainWithBackup(
      { faults: { hangAfterData: true } },
      { timeoutMs: 1500 },
    );

    const error = await sendOne(connection, 'maybe delivered').catch((caught: unknown) => caught);
    await connection.close();

    expect(error).toBeInstanceOf(MailDeliveryUncertainError);
    expect(classifyDeliveryError(error)).toMatchObject({ kind: 'temporary' });
    expect(subjects(main)).toEqual(['maybe delivered']);
    expect(backup.connections).toBe(0);
  });

  it('fails over when the main server refuses the sender, and when it drops the connection at RCPT TO', async () => {
    const refusing = await server({ faults: { mailFrom: { code: 451 } } });
    const dropping = await server({ faults: { dropAtRcptTo: true } });
    const backup = await server();

    for (const main of [refusing, dropping]) {
      const connection = failoverConnection(main.transport(), backup.transport());
      expect(await sendOne(connection, `past ${main.port}`)).toBe(1);
      await connection.close();
    }
    expect(subjects(backup)).toEqual([`past ${refusing.port}`, `past ${dropping.port}`]);
  });
});
