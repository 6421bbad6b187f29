import { existsSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { EgoGraph } from '#shared/domain/graph';
import type { IpcResult } from '#shared/ipc/result';
import { expect, test } from './support/fixtures.ts';

/** The network graph end to end: drawn from the real core's ego graph, a node's panel, introductions, insights, exports. */
test.describe.configure({ mode: 'serial' });
test.use({ spec: 'graph' });

/** Someone the demo user does not know but can reach through someone they do. */
let target: { id: string; name: string };

/** Set-up only: calls the contract as the renderer does, through the bridge the web host installs. */
async function call<T>(page: Page, method: string, input?: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([name, arg]) => {
      const [area, fn] = (name as string).split('.') as [string, string];
      const api = (
        globalThis as unknown as { api: Record<string, Record<string, (i?: unknown) => Promise<unknown>>> }
      ).api;
      return (await api[area]![fn]!(arg)) as IpcResult;
    },
    [method, input] as const,
  );
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

/** A second-degree person: someone the demo user does not know, reached through someone they do. */
async function findTarget(page: Page): Promise<{ id: string; name: string }> {
  const ego = await call<EgoGraph>(page, 'graph.egoGraph', { depth: 2 });
  const second = ego.nodes.find((n) => n.type === 'person' && n.depth === 2);
  if (second?.type !== 'person') throw new Error('The demo user has no second degree');
  return { id: second.id, name: second.person.name };
}

/** The browser APIs `measure` uses (the tests' tsconfig has no DOM types). */
interface Bitmap {
  width: number;
  height: number;
}
interface PixelScope {
  createImageBitmap(blob: Blob): Promise<Bitmap>;
  OffscreenCanvas: new (
    width: number,
    height: number,
  ) => {
    getContext(kind: '2d'): {
      drawImage(image: Bitmap, x: number, y: number): void;
      getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    } | null;
  };
}

/** Non-background pixels and distinct colours of a PNG, counted by the browser's own decoder. */
async function measure(page: Page, png: Buffer): Promise<{ inked: number; colours: number; total: number }> {
  return page.evaluate(async (b64) => {
    const scope = globalThis as unknown as PixelScope;
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await scope.createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new scope.OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = ((data[i]! >> 3) << 10) | ((data[i + 1]! >> 3) << 5) | (data[i + 2]! >> 3);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const background = Math.max(...counts.values());
    const total = data.length / 4;
    return { inked: total - background, colours: [...counts.values()].filter((n) => n >= 20).length, total };
  }, png.toString('base64'));
}

/**
 * Whether the canvas shows a drawing, as the tests below measure it: sigma draws a frame or two after the
 * layout is done, so a test waits for this before it takes the screenshot it checks.
 */
async function isDrawn(page: Page, png: Buffer, { minColours = 0 } = {}): Promise<boolean> {
  const { inked, colours, total } = await measure(page, png);
  return inked / total > 0.005 && colours > minColours;
}

test.beforeAll(async ({ webPage: page, web }) => {
  await page.goto(`${web.url}#/home`);
  await expect(page.getByTestId('account-menu')).toBeVisible({ timeout: 60_000 });
  target = await findTarget(page);
});

test('the graph is drawn, laid out and remembered', async ({ webPage: page }) => {
  await page.getByRole('link', { name: 'My network' }).click();
  const canvas = page.getByTestId('graph-canvas');
  await expect(canvas).toBeVisible();
  await expect(page.getByTestId('graph-counts')).toContainText('people');
  // Laid out: the indicator is back to "Re-run layout".
  await expect(page.getByTestId('graph-relayout')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect.poll(async () => isDrawn(page, await canvas.screenshot(), { minColours: 5 })).toBe(true);
  const shot = await canvas.screenshot({ path: 'test-results/graph-canvas.png' });
  await page.screenshot({ path: 'test-results/graph.png' });
  const { inked, colours, total } = await measure(page, shot);
  expect(inked / total, 'share of the canvas drawn on').toBeGreaterThan(0.005);
  expect(colours, 'distinct colours (departments, ties, labels)').toBeGreaterThan(5);
  await expect(page.getByTestId('graph-legend')).toBeVisible();
  // The finished layout was saved: the core hands the positions back next time.
  await expect
    .poll(async () =>
      (await call<EgoGraph>(page, 'graph.egoGraph', { depth: 1 })).nodes.every((n) => n.position),
    )
    .toBe(true);

  // Reopening draws the saved layout as it is: no layout runs, so nothing moves and nothing is saved again.
  const saved = (await call<EgoGraph>(page, 'graph.egoGraph', { depth: 1 })).nodes.map((n) => n.position);
  await page.reload();
  await expect(page.getByTestId('graph-relayout')).toHaveAttribute('data-state', 'done');
  await page.waitForTimeout(1000);
  expect((await call<EgoGraph>(page, 'graph.egoGraph', { depth: 1 })).nodes.map((n) => n.position)).toEqual(
    saved,
  );
});

test('the graph is drawn in a window opened in the dark scheme', async ({ browser, web, webPage: page }) => {
  const dark = await browser.newPage({ colorScheme: 'dark' });
  try {
    await dark.goto(`${web.url}#/network`);
    await expect(dark.getByTestId('graph-relayout')).toHaveAttribute('data-state', 'done', {
      timeout: 60_000,
    });
    await expect(dark.getByText('This screen ran into a problem')).toHaveCount(0);
    await expect
      .poll(async () => isDrawn(page, await dark.getByTestId('graph-canvas').screenshot()))
      .toBe(true);
    const shot = await dark.getByTestId('graph-canvas').screenshot({ path: 'test-results/graph-dark.png' });
    const { inked, total } = await measure(page, shot);
    expect(inked / total, 'share of the canvas drawn on').toBeGreaterThan(0.005);
  } finally {
    await dark.close();
  }
});

test('second degree, filters and colours change what is drawn', async ({ webPage: page }) => {
  const counts = page.getByTestId('graph-counts');
  const first = await counts.innerText();
  await page.getByTestId('graph-depth').getByText('+ who they know').click();
  await expect(counts).not.toHaveText(first);
  await expect(page.getByTestId('graph-relayout')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await page.getByTestId('graph-appearance').click();
  await page.getByRole('dialog').getByText('Cluster', { exact: true }).click();
  await expect(page.getByTestId('graph-legend')).toContainText('Cluster 1');
  // Bridging (betweenness) is measured in a worker: it answers, and the sizes follow it.
  await page.getByRole('dialog').getByText('Bridging', { exact: true }).click();
  await expect(page.getByTestId('graph-metrics-state')).toHaveCount(0, { timeout: 30_000 });
  await page.screenshot({ path: 'test-results/graph-appearance.png' });
  await page.keyboard.press('Escape');
  await page.screenshot({ path: 'test-results/graph-depth2.png' });
});

test('clicking a node opens its panel', async ({ webPage: page }) => {
  // Finding someone flies the camera to them: their node is then at the canvas's centre.
  await page.getByTestId('graph-search').fill(target.name);
  await page.getByRole('option', { name: target.name }).first().click();
  const panel = page.getByTestId('graph-node-panel');
  await expect(panel.getByTestId('panel-name')).toHaveText(target.name);
  await panel.getByRole('button', { name: 'Close the panel' }).click();
  await expect(panel).toBeHidden();
  // Until the camera's flight and the canvas's resize have settled, a click may land on the stage: retry.
  await expect(async () => {
    const box = await page.getByTestId('graph-canvas').boundingBox();
    if (!box) throw new Error('The canvas has no box');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(panel.getByTestId('panel-name')).toHaveText(target.name, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await panel.getByRole('button', { name: 'Close the panel' }).click();
});

test('Enter on a node opens its panel; the list view opens the same panel', async ({ webPage: page }) => {
  const canvas = page.getByTestId('graph-canvas');
  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('graph-node-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('panel-name')).not.toBeEmpty();
  await page.screenshot({ path: 'test-results/graph-panel.png' });

  await page.getByTestId('network-tab-list').click();
  const table = page.getByTestId('graph-table');
  await expect(table).toBeVisible();
  const row = table.locator(`[data-node-id="${target.id}"]`);
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('panel-name')).toHaveText(target.name);
  await expect(panel.getByTestId('panel-introduce')).toBeVisible();
  await page.screenshot({ path: 'test-results/graph-list.png' });
  // A visit to another tab keeps the panel: back on the list, the same person is open.
  await page.getByTestId('network-tab-insights').click();
  await expect(page.getByTestId('network-insights')).toBeVisible();
  await page.getByTestId('network-tab-list').click();
  await expect(panel.getByTestId('panel-name')).toHaveText(target.name);
});

test('who can introduce me shows a path, from the panel and from the picker', async ({
  webPage: page,
  web,
}) => {
  await page.getByTestId('graph-node-panel').getByTestId('panel-introduce').click();
  const intro = page.getByTestId('introductions');
  await expect(intro.getByTestId('intro-target')).toHaveText(target.name);
  await expect(intro.getByTestId('intro-path').first()).toBeVisible();
  await expect(intro.getByTestId('intro-ask').first()).toContainText('Ask ');
  await page.screenshot({ path: 'test-results/graph-introductions.png' });

  // The same from the person's page.
  await page.goto(`${web.url}#/people/${encodeURIComponent(target.id)}`);
  await page.getByTestId('profile-introduce').click();
  await expect(page.getByTestId('intro-path').first()).toBeVisible();
});

test('insights show reach by department and site', async ({ webPage: page }) => {
  await page.getByTestId('network-tab-insights').click();
  const insights = page.getByTestId('network-insights');
  await expect(insights.getByTestId('reach-departments')).toContainText('You know people in');
  await expect(insights.getByTestId('reach-sites')).toBeVisible();
  await page.screenshot({ path: 'test-results/graph-insights.png' });
  await insights.getByText('People to meet', { exact: true }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/graph-insights-people.png' });
});

test('the filtered graph exports as GEXF and the view as PNG', async ({ webPage: page }) => {
  await page.getByTestId('network-tab-graph').click();
  await expect(page.getByTestId('graph-canvas')).toBeVisible();
  for (const item of ['GEXF (Gephi)', 'Image (PNG)']) {
    await page.getByTestId('graph-export').click();
    await page.getByRole('menuitem', { name: item }).click();
    const toast = page.getByText(/^Written to /).last();
    await expect(toast).toBeVisible();
    const path = (await toast.innerText()).replace(/^Written to /, '').trim();
    expect(existsSync(path), path).toBe(true);
  }
});

test('adding a connection from the panel makes the introduction direct', async ({ webPage: page, web }) => {
  await page.getByTestId('network-tab-list').click();
  await page.getByTestId('graph-depth').getByText('+ who they know').click();
  await page.locator(`[data-node-id="${target.id}"]`).click();
  const panel = page.getByTestId('graph-node-panel');
  await panel.getByTestId('panel-add-connection').click();
  await expect(panel.getByTestId('panel-connection')).toBeVisible();
  await page.goto(`${web.url}#/network/introduce/${encodeURIComponent(target.id)}`);
  await expect(page.getByTestId('intro-direct')).toContainText(`You already know ${target.name}`);
});
