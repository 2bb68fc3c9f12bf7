import { generate } from 'selfsigned';

export interface TestCertificate {
  /** PEM private key. */
  key: string;
  /** PEM certificate; also the CA a client must trust (it is self-signed). */
  cert: string;
}

let cached: Promise<TestCertificate> | null = null;

/** A self-signed certificate valid only for `dnsName`: a server presenting it on 127.0.0.1 has a
 * certificate for another name, even when the client trusts it. */
export async function certificateFor(dnsName: string): Promise<TestCertificate> {
  const pems = await generate([{ name: 'commonName', value: dnsName }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'subjectAltName', altNames: [{ type: 2, value: dnsName }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/**
 * A self-signed certificate for `localhost` / 127.0.0.1 / ::1, made once per process: generating
 * a key costs far more than a test, and every fixture server can share it.
 */
export function testCertificate(): Promise<TestCertificate> {
  cached ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return cached;
}
