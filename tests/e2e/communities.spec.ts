import type { Page } from '@playwright/test';
import { POST_BODY_MAX } from '#shared/domain/community';
import { AuthSession } from '#shared/wire/auth';
import { expect, test } from './support/fixtures.ts';
import type { RunningProcess } from './support/processes.ts';
import { syncNow, whoAmI } from './support/sync-and-account.ts';

/**
 * Communities end to end, two people on two computers (two web hosts, one server): one joins a community
 * and proposes another, asks a question there; the other joins, syncs and answers; the asker accepts the
 * answer, and the community's health moves from "no questions" to "all answered, within the hour". Bad input
 * (an announcement as a non-leader, an oversized post) is refused in the UI and nothing is sent.
 */
test.describe.configure({ mode: 'serial' });
test.use({ spec: 'communities' });

const SHOTS = '/tmp/pw-communities';
const COMMUNITY = `Rust practitioners ${Date.now().toString(36)}`;
const QUESTION = 'How do you share a tokio runtime between two libraries?';
const ANSWER =
  'Pass a `Handle` in: `tokio::runtime::Handle::current()` from the caller, never a second runtime.';

let name1 = '';
let name2 = '';
let communityRoute = '';

/** Opens the community page (by its hash route) on a page whose core knows it. */
async function openCommunity(page: Page, host: RunningProcess): Promise<void> {
  await page.goto(`${host.url}${communityRoute}`);
  await expect(page.getByTestId('community-title')).toHaveText(COMMUNITY);
}

async function readHealth(page: Page): Promise<Record<string, string>> {
  await page.getByTestId('tab-health').click();
  await expect(page.getByTestId('health')).toBeVisible();
  const read = async (id: string) => (await page.getByTestId(id).innerText()).trim();
  return {
    active: await read('health-active-members'),
    answered: await read('health-answered-share'),
    firstAnswer: await read('health-median-first-answer'),
    members: await read('health-members'),
  };
}

test('two colleagues sign in on two computers; Home is the first screen', async ({
  webPage: page1,
  secondPage: page2,
  web: host1,
  signedOutWeb: host2,
  server,
}) => {
  await page1.goto(host1.url);
  await expect(page1.getByTestId('home')).toBeVisible({ timeout: 60_000 });
  await expect(page1.getByTestId('home')).toContainText('New in your communities');
  await expect(page1.getByTestId('home')).toContainText('Follow-ups due');
  name1 = await whoAmI(page1);

  // A colleague of the demo user, by the email on their profile.
  await page1.goto(`${host1.url}#/people`);
  const rows = page1.getByTestId('directory-row');
  await expect(rows.nth(1)).toBeVisible({ timeout: 60_000 });
  const firstIsMe = (await rows.first().innerText()).includes(name1);
  await rows.nth(firstIsMe ? 1 : 0).click();
  name2 = ((await page1.getByTestId('profile-name').textContent()) ?? '').trim();
  const email = (await page1.getByTestId('profile-header').locator('a[href^="mailto:"]').innerText()).trim();
  expect(email).toContain('@');

  const reply = await fetch(new URL('/v1/demo/sessions', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  expect(reply.ok).toBe(true);
  const { accessToken: token } = AuthSession.parse(await reply.json());
  await page2.goto(host2.url);
  await page2.getByTestId('access-token-toggle').click();
  await page2.getByTestId('connect-server-url').fill(server.url);
  await page2.getByTestId('connect-token').fill(token);
  await page2.getByRole('button', { name: 'Connect' }).click();
  await expect(page2.getByTestId('home')).toBeVisible({ timeout: 60_000 });
  // Who "me" is comes with the directory: wait for the first sync.
  await expect(page2.getByTestId('sync-status')).toContainText('Synced', { timeout: 60_000 });
  await expect.poll(() => whoAmI(page2), { timeout: 30_000 }).toBe(name2);
  await page1.screenshot({ path: `${SHOTS}/home-1.png`, fullPage: true });
});

test('user 1 joins an open community from Discover, then proposes one', async ({
  webPage: page1,
  web: host1,
}) => {
  await page1.goto(`${host1.url}#/communities`);
  await page1.getByTestId('communities-scope').getByText('Discover').click();
  const joinable = page1.getByTestId('community-card').filter({ has: page1.getByTestId('community-join') });
  await expect(joinable.first()).toBeVisible({ timeout: 30_000 });
  await expect(page1.getByTestId('community-suggestions')).toBeVisible();
  await page1.screenshot({ path: `${SHOTS}/discover.png`, fullPage: true });
  const joined = (await joinable.first().getByTestId('community-name').innerText()).trim();
  await joinable.first().getByTestId('community-join').click();
  // Joined: it leaves Discover and shows under My communities with the viewer's role.
  await expect(page1.getByTestId('community-card').filter({ hasText: joined })).toHaveCount(0);
  await page1.getByTestId('communities-scope').getByText('My communities').click();
  const mine = page1.getByTestId('community-card').filter({ hasText: joined });
  await expect(mine.getByTestId('community-role')).toHaveText('Member');
  await page1.screenshot({ path: `${SHOTS}/mine.png`, fullPage: true });

  // Propose: the schema's messages show beside the fields first.
  await page1.getByTestId('propose-community').click();
  const form = page1.getByTestId('community-form');
  await form.getByTestId('community-form-name').fill('Ru');
  await form.getByTestId('community-form-submit').click();
  await expect(form).toContainText('A community name has at least 3 characters');
  await expect(form).toContainText('Say what the community is for');
  await form.getByTestId('community-form-name').fill(COMMUNITY);
  await form.getByTestId('community-form-purpose').fill('Write, review and ship Rust at work.');
  await form.getByTestId('community-form-objective').first().fill('Answer every question within a day');
  await page1.screenshot({ path: `${SHOTS}/propose.png` });
  await form.getByTestId('community-form-submit').click();
  await expect(page1.getByTestId('community-title')).toHaveText(COMMUNITY);
  communityRoute = new URL(page1.url()).hash;
  const header = page1.getByTestId('community-header');
  await expect(header.getByTestId('community-role')).toHaveText('Leader');
  await expect(header.getByTestId('community-leaders')).toContainText(name1);
  await expect(header.getByTestId('community-objectives')).toContainText(
    'Answer every question within a day',
  );

  // A new community: nothing asked yet.
  const before = await readHealth(page1);
  expect(before).toMatchObject({ answered: '—', firstAnswer: '—', members: '1' });
  await page1.getByTestId('tab-feed').click();
});

test('user 1 asks a question; a leader is offered announcements, an oversized post is refused', async ({
  webPage: page1,
}) => {
  await page1.getByTestId('compose-open').click();
  const composer = page1.getByTestId('composer');
  await expect(composer.getByTestId('compose-kind')).toContainText('Announcement');
  await composer.getByTestId('compose-kind').getByText('Question', { exact: true }).click();
  await composer.getByTestId('compose-submit').click();
  await expect(composer).toContainText('A question needs a title');
  await composer.getByTestId('compose-title').fill(QUESTION);
  await composer.getByTestId('markdown-input').fill('We have **two** crates that each start a runtime.');
  await composer.getByTestId('markdown-mode').getByText('Preview').click();
  await expect(composer.getByTestId('markdown-preview').locator('strong')).toHaveText('two');
  await page1.screenshot({ path: `${SHOTS}/composer-leader.png` });
  await composer.getByTestId('compose-submit').click();
  const item = page1.getByTestId('feed-item').filter({ hasText: QUESTION });
  await expect(item).toBeVisible();
  await expect(item.getByTestId('answer-count')).toHaveText('No answers yet');

  const asked = await readHealth(page1);
  expect(asked).toMatchObject({ answered: '0%', firstAnswer: '—', active: '1' });
  await page1.getByTestId('tab-feed').click();
  await syncNow(page1);
});

test('user 2 joins, cannot announce, is refused an oversized post, and answers', async ({
  secondPage: page2,
  signedOutWeb: host2,
}) => {
  await syncNow(page2);
  await page2.goto(`${host2.url}#/communities`);
  await page2.getByTestId('communities-scope').getByText('Discover').click();
  await page2.getByTestId('communities-search').fill(COMMUNITY);
  const card = page2.getByTestId('community-card').filter({ hasText: COMMUNITY });
  await expect(card).toBeVisible({ timeout: 30_000 });
  await card.getByTestId('community-join').click();
  await expect(card).toHaveCount(0);
  await openCommunity(page2, host2);
  await expect(page2.getByTestId('community-header').getByTestId('community-role')).toHaveText('Member');

  // A member is not offered announcements; a body over the limit is refused before anything is sent.
  await page2.getByTestId('compose-open').click();
  const composer = page2.getByTestId('composer');
  await expect(composer.getByTestId('compose-kind')).not.toContainText('Announcement');
  await composer.getByTestId('markdown-input').fill('x'.repeat(POST_BODY_MAX + 1));
  await expect(composer.getByTestId('body-counter')).toHaveText('20,001 / 20,000');
  await composer.getByTestId('compose-submit').click();
  await expect(composer).toContainText('A post has at most 20,000 characters');
  await page2.screenshot({ path: `${SHOTS}/composer-oversized.png` });
  await expect(page2.getByTestId('feed-item')).toHaveCount(1);
  await composer.getByRole('button', { name: 'Cancel' }).click();

  await page2.getByTestId('feed-item').filter({ hasText: QUESTION }).click();
  await expect(page2.getByTestId('thread-title')).toHaveText(QUESTION);
  await expect(page2.getByTestId('accept-answer')).toHaveCount(0);
  await page2.getByTestId('answer-body').getByTestId('markdown-input').fill(ANSWER);
  await page2.getByTestId('answer-submit').click();
  const answer = page2.getByTestId('answer');
  await expect(answer).toHaveCount(1);
  await expect(answer.locator('code').first()).toHaveText('Handle');
  // Not the asker: no Accept button.
  await expect(answer.getByTestId('accept-answer')).toHaveCount(0);
  await syncNow(page2);
  await page2.screenshot({ path: `${SHOTS}/thread-answered.png`, fullPage: true });
});

test('user 1 syncs, accepts the answer, and the health numbers move', async ({
  webPage: page1,
  secondPage: page2,
  web: host1,
}) => {
  await syncNow(page1);
  await openCommunity(page1, host1);
  const item = page1.getByTestId('feed-item').filter({ hasText: QUESTION });
  await expect(item.getByTestId('answer-count')).toHaveText('1 answer', { timeout: 15_000 });
  await item.click();
  const answer = page1.getByTestId('answer');
  await expect(answer).toContainText('Pass a');
  await answer.getByTestId('accept-answer').click();
  await expect(answer.getByTestId('accepted-badge')).toBeVisible();
  await expect(answer).toHaveAttribute('data-accepted', 'true');
  await page1.screenshot({ path: `${SHOTS}/thread-accepted.png`, fullPage: true });

  await openCommunity(page1, host1);
  const after = await readHealth(page1);
  expect(after).toEqual({ active: '2', answered: '100%', firstAnswer: 'under 1 h', members: '2' });
  await page1.screenshot({ path: `${SHOTS}/health.png`, fullPage: true });
  await page1.getByTestId('health-chart-questions').scrollIntoViewIfNeeded();
  await expect(
    page1.getByTestId('health-chart-questions').locator('.recharts-surface').first(),
  ).toBeVisible();
  await page1.screenshot({ path: `${SHOTS}/health-charts.png` });

  // The other computer sees the accepted answer once it syncs.
  await syncNow(page1);
  await syncNow(page2);
  await page2.reload();
  await expect(page2.getByTestId('answer').getByTestId('accepted-badge')).toBeVisible({ timeout: 15_000 });
});

test('the person page lists the communities two colleagues share', async ({ webPage: page1, web: host1 }) => {
  await page1.goto(`${host1.url}#/people`);
  await page1.getByTestId('directory-row').filter({ hasText: name2 }).first().click();
  const inCommon = page1.getByTestId('in-common');
  await expect(inCommon).toContainText(COMMUNITY);
  await inCommon.scrollIntoViewIfNeeded();
  await page1.screenshot({ path: `${SHOTS}/person-in-common.png`, fullPage: true });
  await inCommon.getByText(COMMUNITY).click();
  await expect(page1.getByTestId('community-title')).toHaveText(COMMUNITY);
  await page1.getByTestId('tab-members').click();
  await expect(page1.getByTestId('member-row')).toHaveCount(2);
  await page1.screenshot({ path: `${SHOTS}/members.png`, fullPage: true });
  await page1.goto(`${host1.url}#/home`);
  await expect(page1.getByTestId('home')).toBeVisible();
  await page1.screenshot({ path: `${SHOTS}/home-after.png`, fullPage: true });

  // A seeded community with months of history, for a look at its health over the year.
  await page1.goto(`${host1.url}#/communities`);
  await page1.getByTestId('communities-scope').getByText('My communities').click();
  await page1.getByTestId('community-card').filter({ hasNotText: COMMUNITY }).first().click();
  await page1.getByTestId('tab-health').click();
  await expect(page1.getByTestId('health')).toBeVisible();
  await page1.screenshot({ path: `${SHOTS}/health-seeded.png` });
  await page1.getByTestId('health-chart-participation').scrollIntoViewIfNeeded();
  await expect(page1.getByTestId('health-chart-growth').locator('.recharts-surface').first()).toBeVisible();
  await page1.screenshot({ path: `${SHOTS}/health-seeded-charts.png` });
});

test("user 1's Home shows user 2's new question without a refresh or a sync", async ({
  webPage: page1,
  secondPage: page2,
  web: host1,
  signedOutWeb: host2,
}) => {
  const TITLE = 'Does anyone pin tokio across a workspace?';
  await page1.goto(`${host1.url}#/home`);
  const activity = page1.getByTestId('activity');
  await expect(page1.getByTestId('home')).toBeVisible();
  await expect(page1.getByTestId('home')).not.toContainText(TITLE);
  const unreadBefore = await readUnread(page1);

  await openCommunity(page2, host2);
  await page2.getByTestId('compose-open').click();
  const composer = page2.getByTestId('composer');
  await composer.getByTestId('compose-kind').getByText('Question', { exact: true }).click();
  await composer.getByTestId('compose-title').fill(TITLE);
  await composer.getByTestId('markdown-input').fill('We have three crates and three versions.');
  await composer.getByTestId('compose-submit').click();
  await expect(page2.getByTestId('feed-item').filter({ hasText: TITLE })).toBeVisible();

  // Nothing is clicked on computer 1: user 2's core pushes, the server pokes user 1's core, which pulls.
  await expect(activity).toContainText(TITLE, { timeout: 30_000 });
  await expect.poll(() => readUnread(page1)).toBe(unreadBefore + 1);
  await page1.screenshot({ path: `${SHOTS}/home-live.png`, fullPage: true });
});

test('a feed left open in a hidden window (in the tray) does not mark new posts read; shown again, it does', async ({
  webPage: page1,
  secondPage: page2,
  web: host1,
  signedOutWeb: host2,
}) => {
  const TITLE = 'Is anyone on the tokio 2 preview yet?';
  await openCommunity(page1, host1);
  const feed1 = page1.getByTestId('feed-item');
  await expect(page1.getByTestId('unread-dot')).toHaveCount(0, { timeout: 10_000 });
  // What the browser does when the window hides or minimizes: the page stays loaded, but not visible.
  const setVisibility = (state: 'hidden' | 'visible') =>
    page1.evaluate(`
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => '${state}' });
      document.dispatchEvent(new Event('visibilitychange'));
    `);
  await setVisibility('hidden');

  await openCommunity(page2, host2);
  await page2.getByTestId('compose-open').click();
  const composer = page2.getByTestId('composer');
  await composer.getByTestId('compose-kind').getByText('Question', { exact: true }).click();
  await composer.getByTestId('compose-title').fill(TITLE);
  await composer.getByTestId('markdown-input').fill('Curious about the new scheduler.');
  await composer.getByTestId('compose-submit').click();

  const arrived = feed1.filter({ hasText: TITLE });
  await expect(arrived).toBeVisible({ timeout: 30_000 });
  await expect(arrived.getByTestId('unread-dot')).toBeVisible();
  await page1.waitForTimeout(4_000); // longer than the feed's 2.5 s before it counts as read
  await expect(arrived.getByTestId('unread-dot')).toBeVisible();

  await setVisibility('visible');
  await expect(arrived.getByTestId('unread-dot')).toHaveCount(0, { timeout: 10_000 });
});

/** The unread total on Home; 0 when the badge is not shown. */
async function readUnread(page: Page): Promise<number> {
  const badge = page.getByTestId('activity-unread-total');
  if ((await badge.count()) === 0) return 0;
  return Number.parseInt(await badge.innerText(), 10);
}
