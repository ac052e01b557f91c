import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const available = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
const inCi = process.env.CI === 'true';

interface Service {
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: { published: number; target: number }[];
}

describe('docker-compose.yml', () => {
  if (!available && !inCi) {
    it.skip('is valid for docker-compose 1.29 (skipped: docker-compose is not installed; apt-get install docker-compose)', () => {});
    return;
  }

  let services: Record<string, Service>;
  beforeAll(() => {
    const resolved = execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
      cwd: root,
      encoding: 'utf8',
    });
    // docker-compose 1.29 is Python with PyYAML: the same YAML reader turns its resolved file into JSON.
    const json = execFileSync(
      'python3',
      ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'],
      { input: resolved, encoding: 'utf8' },
    );
    services = JSON.parse(json).services;
  });

  it('passes `docker-compose config -q`, without the obsolete version key', () => {
    execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], { cwd: root, stdio: 'pipe' });
    expect(readFileSync(`${root}/docker-compose.yml`, 'utf8')).not.toMatch(/^version:/m);
    expect(Object.keys(services).sort()).toEqual(['gateway', 'gateway-2', 'redis', 'simulator']);
  });

  it('runs the compiled simulator (no tsx in the image) and points the gateway at it', () => {
    expect(services.simulator!.command!.slice(0, 2)).toEqual(['node', 'dist/simulator/main.js']);
    expect(services.gateway!.environment!.DRS_ENDPOINT).toBe('http://simulator:8090');
  });

  it('checks the simulator on /health and the gateway on /readiness, and starts the gateway once the simulator is healthy', () => {
    expect(services.simulator!.healthcheck!.test.join(' ')).toContain('http://127.0.0.1:8090/health');
    expect(services.gateway!.healthcheck!.test.join(' ')).toContain('http://127.0.0.1:4000/readiness');
    expect(services.gateway!.depends_on).toEqual({
      simulator: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
  });

  it('runs two gateway replicas sharing one Redis (checked with redis-cli ping), on two published ports', () => {
    const [one, two] = [services.gateway!, services['gateway-2']!];
    expect(two.environment).toEqual(one.environment);
    expect(one.environment!.REDIS_URL).toBe('redis://redis:6379');
    expect(two.depends_on).toEqual(one.depends_on);
    expect(two.healthcheck).toEqual(one.healthcheck);
    expect([one.ports, two.ports].map((ports) => ports![0]!.published)).toEqual([4000, 4001]);
    expect(services.redis!.healthcheck!.test.join(' ')).toContain('redis-cli ping');
    expect(services.redis!.command).toEqual(['redis-server', '--save', '', '--appendonly', 'no']);
  });
});
