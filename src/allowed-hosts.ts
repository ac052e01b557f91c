import type { RequestListener } from 'node:http';

/**
 * Whether a request's Host header names this gateway. With ALLOWED_HOSTS set, a page on an attacker's
 * domain that resolves to the gateway's address (DNS rebinding) is refused: its Host is the
 * attacker's. Compared by host name, without the port; unset allows every Host.
 */
export function hostAllowed(host: string | undefined, allowed: readonly string[] | undefined): boolean {
  if (allowed === undefined) return true;
  if (host === undefined) return false;
  const name = host
    .toLowerCase()
    .replace(/:\d+$/, '')
    .replace(/^\[(.*)\]$/, '$1');
  return allowed.includes(name);
}

const REFUSED = JSON.stringify({
  errors: [
    {
      message: 'This Host is not one the gateway serves (ALLOWED_HOSTS)',
      extensions: { code: 'FORBIDDEN', retryable: false },
    },
  ],
});

/** Answers 403 to any HTTP request whose Host is not allowed, before anything else reads it. */
export function withAllowedHosts(listener: RequestListener, allowed: readonly string[] | undefined): RequestListener {
  if (allowed === undefined) return listener;
  return (req, res) => {
    if (hostAllowed(req.headers.host, allowed)) return listener(req, res);
    res.writeHead(403, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(REFUSED),
    });
    res.end(REFUSED);
  };
}
