import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnedGateway, spawnGateway } from '../support/browser-gateway.js';
import { guardOffline } from '../support/browser-offline.js';

// Debian's chromium (.ci/run installs it); never a browser downloaded by Playwright.
const executablePath = '/usr/bin/chromium';
const available = existsSync(executablePath);
const inCi = process.env.CI === 'true';
const screenshot = fileURLToPath(new URL('../../artifacts/graphiql.png', import.meta.url));

// Without the background-networking flags Chromium itself dials Google on this closed network.
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The text as rendered, whitespace collapsed (Monaco draws spaces as U+00A0 and each line as a div). */
async function text(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point; textContent glues Monaco's lines together.
  return (await locator.innerText()).replace(/\s+/g, ' ');
}

describe('GraphiQL in Chromium, offline, on `npm start`', () => {
  if (!available && !inCi) {
    const reason = `${executablePath} is missing; apt-get install -y chromium`;
    console.warn(`GraphiQL browser test skipped: ${reason}`);
    it.skip(`runs the default query (skipped: ${reason})`, () => {});
    return;
  }

  let gateway: SpawnedGateway | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!available) throw new Error(`CI=true but ${executablePath} is missing: .ci/run must apt-get install chromium`);
    gateway = await spawnGateway();
    browser = await chromium.launch({ executablePath, args });
  });
  afterAll(async () => {
    await browser?.close();
    if (gateway) expect(await gateway.stop()).toBe(0);
  });

  // Loading GraphiQL's ~9 MB inline bundle takes Chromium ~6 s on 2 cores; allow for a busy CI machine.
  it('opens on discovery (jobList with its variables), runs it, then the dashboard tab over the seeded ids', {
    timeout: 90_000,
  }, async () => {
    const { url, jobIds } = gateway!;
    const context = await browser!.newContext({ viewport: { width: 1440, height: 1000 } });
    const guard = await guardOffline(context, url);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const run = async (operation: string) => {
      const executed = page.waitForResponse(
        (response) =>
          response.request().method() === 'POST' &&
          new RegExp(`query ${operation}`).test(response.request().postData() ?? ''),
      );
      await page.locator('button.graphiql-execute-button[aria-label^="Execute query"]').click();
      const response = await executed;
      return {
        sent: JSON.parse(response.request().postData() ?? '{}') as { variables?: Record<string, unknown> },
        body: (await response.json()) as { data?: any; errors?: unknown },
      };
    };

    await page.goto(url);
    const editor = page.locator('.graphiql-query-editor');
    await expect.poll(() => text(editor), { timeout: 15_000 }).toContain('query Discover');
    expect(await text(editor)).toContain('jobList(filter: $filter, first: $first, after: $after)');
    // The Variables pane is open and holds the first page's variables.
    const variables = page.locator('section.graphiql-editor-tool .graphiql-editor:not(.hidden) .view-lines');
    await expect.poll(() => text(variables), { timeout: 10_000 }).toContain('"first": 10');

    const discovered = await run('Discover');
    expect(discovered.sent.variables).toEqual({ first: 10, filter: {} });
    expect(discovered.body.errors).toBeUndefined();
    const nodes = discovered.body.data.jobList.nodes as { id: string; progress: { percent: number } }[];
    expect(nodes).toHaveLength(10);
    for (const node of nodes) expect(node.progress.percent).toBeGreaterThanOrEqual(0);
    const result = page.locator('.graphiql-response');
    await expect.poll(() => text(result), { timeout: 10_000 }).toContain(`"id": "${nodes[0]!.id}"`);
    mkdirSync(fileURLToPath(new URL('../../artifacts/', import.meta.url)), { recursive: true });
    await page.screenshot({ path: screenshot });

    // The second tab: the dashboard query over the ids the gateway printed.
    await page.locator('.graphiql-tab-button', { hasText: 'Dashboard' }).click();
    await expect.poll(() => text(page.locator('.graphiql-tab-active')), { timeout: 10_000 }).toBe('Dashboard');
    await expect.poll(() => text(editor), { timeout: 10_000 }).toContain('query Dashboard');
    // GraphiQL hands a switched tab's editor to its store a moment later; executing sooner sends the old tab.
    await page.waitForTimeout(1000);
    const query = await text(editor);
    for (const id of jobIds) expect(query).toContain(id);
    const dashboard = await run('Dashboard');
    expect(dashboard.body.errors).toBeUndefined();
    expect(dashboard.body.data.jobs.map((job: { id: string }) => job.id)).toEqual(jobIds);
    await expect.poll(() => text(result), { timeout: 10_000 }).toContain(`"id": "${jobIds[0]}"`);
    expect(await text(result)).toContain('"progress": { "percent":');
    await context.close();

    expect(pageErrors).toEqual([]);
    expect(guard.blocked).toEqual([]);
    expect(guard.requests).toContain(url);
  });

  it('opens its Docs on the schema description, with Query’s own fields before federation’s', {
    timeout: 60_000,
  }, async () => {
    const { url } = gateway!;
    const context = await browser!.newContext({ viewport: { width: 1440, height: 1000 } });
    const guard = await guardOffline(context, url);
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]').click();
    const docs = page.locator('.graphiql-doc-explorer');
    await expect.poll(() => text(docs), { timeout: 15_000 }).toContain('Where to start');
    expect(await text(docs)).toContain('Data Replication Service');

    await docs
      .locator('.graphiql-doc-explorer-type-name', { hasText: /^Query$/ })
      .first()
      .click();
    await expect.poll(() => text(docs.locator('.graphiql-doc-explorer-title'))).toBe('Query');
    const fields = await docs.locator('.graphiql-doc-explorer-field-name').allInnerTexts();
    expect(fields.slice(-2)).toEqual(['_entities', '_service']);
    expect(fields.slice(0, -2)).toEqual(expect.arrayContaining(['job', 'jobs', 'asyncJobBatch']));
    expect(fields.slice(0, -2).filter((name) => name.startsWith('_'))).toEqual([]);
    await context.close();
    expect(guard.blocked).toEqual([]);
  });
});
