/** POST a JSON body; resolves true on a 2xx answer, false on anything else. Never throws. */
export async function postWebhook(url: string, body: unknown, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    // Drain the answer so the connection is released; its content does not matter.
    await response.arrayBuffer().catch(() => undefined);
    return response.ok;
  } catch {
    return false;
  }
}
