import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Debian's redis-server (`apt-get install redis-server`; .ci/run installs it). */
const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';

/** A real redis-server child process on a free loopback port, for the shared-state tests. */
export interface RedisServer {
  port: number;
  /** `redis://127.0.0.1:<port>`, what REDIS_URL is set to. */
  url: string;
  /** Ends the process (SIGTERM) and waits for it: clients then see the connection refused. */
  stop(): Promise<void>;
  /** Starts a fresh (empty) redis-server on the same port and waits until it answers PING. */
  start(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open but nothing answers, like a hung Redis. */
  pause(): void;
  resume(): void;
  /** Runs one command over a raw connection (RESP) and returns the reply's first line. */
  command(...args: string[]): Promise<string>;
  /** Every key stored now (KEYS *), for tests that look at what Redis holds. */
  keys(): Promise<string[]>;
}

/** Starts redis-server without persistence; fails with a clear message when it is not installed. */
export async function startRedisServer(): Promise<RedisServer> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(
      `${REDIS_SERVER} not found: the shared-state tests need a real Redis (apt-get install redis-server)`,
    );
  }
  const port = await freePort();
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      if (child) throw new Error('redis-server is already running');
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
      child = spawn(REDIS_SERVER, [...args, '--loglevel', 'warning'], { stdio: 'ignore' });
      const spawned = child;
      spawned.once('exit', () => {
        if (child === spawned) child = undefined;
      });
      await waitForPong(port, spawned);
    },
    async stop() {
      const running = child;
      if (!running) return;
      child = undefined;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGCONT');
      running.kill('SIGTERM');
      await exited;
    },
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    command: (...args) => send(port, args),
    keys: async () => {
      const reply = await send(port, ['KEYS', '*'], true);
      // *N, then $len and the key for each: the keys are the lines that are not RESP headers.
      return reply
        .split('\r\n')
        .slice(1)
        .filter((line, i) => i % 2 === 1 && line !== '');
    },
  };
  await server.start();
  return server;
}

async function waitForPong(port: number, child: ChildProcess): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode} before answering`);
    const reply = await send(port, ['PING']).catch(() => '');
    if (reply === '+PONG') return;
    if (Date.now() > until) throw new Error(`redis-server on port ${port} did not answer PING within 10 s`);
    await sleep(20);
  }
}

/** One RESP command on a fresh connection; the reply's first line (e.g. `+PONG`, `:3`), or all of it. */
function send(port: number, args: string[], whole = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let reply = '';
    socket.setTimeout(1_000, () => socket.destroy(new Error('redis-server did not answer in 1 s')));
    socket.once('error', reject);
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      const end = reply.indexOf('\r\n');
      if (!whole && end >= 0) {
        socket.end();
        resolve(reply.slice(0, end));
      }
    });
    // Whole: QUIT follows, so the reply is complete when Redis closes the connection.
    socket.once('close', () => resolve(reply.replace(/\+OK\r\n$/, '')));
    socket.connect(port, '127.0.0.1', () => {
      const commands = whole ? [args, ['QUIT']] : [args];
      for (const command of commands) {
        const body = command.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('');
        socket.write(`*${command.length}\r\n${body}`);
      }
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
