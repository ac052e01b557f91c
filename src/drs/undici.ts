/**
 * The parts of undici the DRS client uses: its pooled Agent and its error classes. undici's index
 * also loads fetch, WebSocket, EventSource, caches, cookies and mocks, ~7 MB of RSS the gateway
 * never uses (measured with undici 7.30.2, pinned). test/gateway/undici-parts.test.ts checks these are the
 * classes its index exports and that the gateway never loads the index.
 */

import errors from 'undici/lib/core/errors.js';
import Agent from 'undici/lib/dispatcher/agent.js';

export { Agent, errors };
