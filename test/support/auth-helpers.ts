import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import WebSocket from 'ws';
import type { GraphQLResponse, Harness } from './harness.js';

export const ISSUER = 'https://idp.test.example';
export const AUDIENCE = 'drs-gateway';

/** A file in a fresh temporary folder, for the *_FILE variables. */
export function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'drs-auth-')), name);
  writeFileSync(path, content);
  return path;
}

export interface Issuer {
  /** Signs a JWT with the issuer's key: iss, aud, iat and a 5-minute exp unless `claims` say otherwise. */
  sign(claims: JWTPayload, options?: { key?: CryptoKey; kid?: string; alg?: string }): Promise<string>;
  publicJwk: Record<string, unknown>;
}

/** A key pair as an identity provider holds it. */
export async function createIssuer(alg = 'RS256', kid = 'key-1'): Promise<Issuer> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return {
    publicJwk,
    sign: (claims, options = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300, ...claims })
        .setProtectedHeader({ alg: options.alg ?? alg, kid: options.kid ?? kid })
        .sign(options.key ?? privateKey);
    },
  };
}

export interface JwksServer {
  url: string;
  /** How many times the key set was fetched. */
  hits: number;
  close(): Promise<void>;
}

/** The identity provider's JWKS endpoint: a real HTTP server on a free loopback port. */
export async function serveJwks(keys: Record<string, unknown>[]): Promise<JwksServer> {
  const state = { hits: 0 };
  const server: Server = createServer((_req, res) => {
    state.hits++;
    res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    get hits() {
      return state.hits;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** POSTs one operation to the harness's listener and keeps the status and headers. */
export async function post(
  h: Harness,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Headers; body: GraphQLResponse }> {
  h.sim.resetCalls();
  const response = await h.fetch('http://gateway/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse };
}

export interface WsGateway {
  /** Runs one operation over graphql-ws with these connection params; resolves with its first result. */
  first(query: string, variables: Record<string, unknown>, params: Record<string, string>): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

/** The harness's gateway served on a port of its own (HTTP and graphql-ws, as src/main.ts serves both). */
export async function serveWs(h: Harness): Promise<WsGateway> {
  const server = await h.listen();
  const url = server.url.replace(/^http:/, 'ws:');
  return {
    async first(query, variables, connectionParams) {
      const client = createClient({ url, webSocketImpl: WebSocket, connectionParams, lazy: true, retryAttempts: 0 });
      try {
        return await new Promise<GraphQLResponse>((resolve, reject) => {
          const stop = client.subscribe(
            { query, variables },
            {
              next: (result) => {
                stop();
                resolve(result as GraphQLResponse);
              },
              // graphql-ws delivers an operation's refusal as a list of errors.
              error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)),
              complete: () => {},
            },
          );
        });
      } finally {
        await client.dispose();
      }
    },
    close: () => server.close(),
  };
}
