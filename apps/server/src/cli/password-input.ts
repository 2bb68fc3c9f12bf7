/** Reading a password without it ever appearing in argv, the shell history or the terminal. */
import { createInterface } from 'node:readline';

/** Everything on stdin, minus one trailing newline (`echo pw | …` and `< file` both work). */
export async function readPasswordFromStdin(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks on the terminal with echo off. */
export async function promptHidden(
  question: string,
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WritableStream,
): Promise<string> {
  // The interface first: it turns the terminal's echo off, so nothing typed ahead of the question
  // is echoed by the terminal itself.
  const rl = createInterface({ input: stdin, terminal: true });
  stderr.write(question);
  // readline echoes what is typed through _writeToOutput; with no output stream nothing is echoed.
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  stderr.write('\n');
  return answer;
}
