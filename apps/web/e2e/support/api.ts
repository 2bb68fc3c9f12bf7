/** tRPC over plain HTTP, as a script (or a mail scanner) would call it: no browser, no typed client. */

/** A mutation with the app's Origin; returns the data and the session cookie it set (or kept). */
export async function apiMutate(appUrl: string, path: string, input: unknown, cookie?: string) {
  const response = await fetch(`${appUrl}/trpc/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: appUrl,
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: unknown }; error?: unknown };
  if (!response.ok) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  const setCookie = response.headers.get('set-cookie')?.split(';')[0];
  return { data: body.result?.data, cookie: setCookie ?? cookie };
}

/** A query by GET; resolves to its data, or fails with the error the server sent. */
export async function apiQuery<T>(appUrl: string, path: string, input: unknown, cookie?: string) {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(`${appUrl}/trpc/${path}${query}`, {
    headers: cookie ? { cookie } : {},
  });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!response.ok || body.result === undefined) {
    throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  }
  return body.result.data;
}
