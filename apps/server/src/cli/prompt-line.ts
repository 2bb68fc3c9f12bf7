import { createInterface } from 'node:readline';

/** Asks one question on the terminal; an empty answer takes `fallback` (shown in brackets). */
export async function promptLine(
  question: string,
  fallback: string,
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WritableStream,
): Promise<string> {
  const rl = createInterface({ input: stdin, output: stderr, terminal: true });
  const shown = fallback === '' ? '' : ` [${fallback}]`;
  const answer = await new Promise<string>((resolve) =>
    rl.question(`${question}${shown}: `, resolve),
  );
  rl.close();
  return answer.trim() === '' ? fallback : answer.trim();
}
