/**
 * Whether a browser page from `origin` may use the gateway over a transport the browser does not
 * police itself (a WebSocket upgrade is never blocked by CORS). The same rule as the HTTP CORS
 * setting: no Origin (not a browser) or the gateway's own origin always; another origin only when
 * CORS_ORIGINS lists it or is `*`.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  corsOrigins: readonly string[] | undefined,
): boolean {
  if (origin === undefined) return true;
  if (corsOrigins?.includes('*') || corsOrigins?.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
