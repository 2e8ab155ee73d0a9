import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, CLUSTERS } from '../fixtures';
import { openNav } from '../lib/nav';

/** One request the receiver got: what a team's webhook endpoint would see. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local webhook receiver on a free port: answers 200 with a small JSON body, records each request. */
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/obconsole-hook`, received, server };
}

const SECRET = 'e2e-webhook-signing-secret';
const cluster = CLUSTERS.hz.id;
const api = `/api/clusters/${cluster}/alerts`;

/*
 * An operator sets up a webhook channel (to a receiver this journey runs; the e2e console lists
 * 127.0.0.1 in ALERTS_ALLOWED_HOSTS), tests it, adds a "backup failed" rule, and a backup then
 * fails in the simulator: the incident opens on the Alerts page and its delivery is in the log.
 */
test('a failed backup opens an incident on the Alerts page and its signed message reaches the webhook, logged as delivered', async ({
  page,
  sim,
  loginAs,
}) => {
  const receiver = await startReceiver();
  const names = {
    channel: `ops hook ${randomUUID().slice(0, 6)}`,
    rule: `failures ${randomUUID().slice(0, 6)}`,
  };
  try {
    await loginAs('root', 'sys');
    await openNav(page, 'Alerts');
    await expect(page.getByRole('heading', { name: 'Alerts', exact: true })).toBeVisible();

    // The channel: a webhook with a signing secret.
    await page.getByRole('tab', { name: 'Channels' }).click();
    await page.getByRole('button', { name: 'Add a channel' }).click();
    const channelForm = page.getByRole('dialog', { name: 'Add a channel' });
    await channelForm.getByLabel('Name').fill(names.channel);
    await channelForm.getByLabel('URL').fill(receiver.url);
    await channelForm.getByLabel('Signing secret').fill(SECRET);
    await channelForm.getByRole('button', { name: 'Add channel' }).click();
    await expect(channelForm).toBeHidden();
    const channelRow = page.getByRole('row').filter({ hasText: names.channel });
    await expect(channelRow.getByText('Set', { exact: true })).toBeVisible();
    // The URL is shown, the secret never is.
    await expect(page.getByText(SECRET)).toHaveCount(0);

    // "Send a test message": the receiver's own answer is shown.
    await channelRow
      .getByRole('button', { name: `Send a test message to ${names.channel}` })
      .click();
    const testResult = page.getByRole('dialog', { name: `Test message to ${names.channel}` });
    await expect(testResult.getByText('The receiver accepted the test message.')).toBeVisible();
    await expect(testResult.getByText('{"received":true}')).toBeVisible();
    await expect(testResult.getByText('200', { exact: true })).toBeVisible();
    await testResult.getByRole('button', { name: 'Close' }).click();
    expect(receiver.received).toHaveLength(1);

    // The rule: a backup of any tenant that ends FAILED, to that channel.
    await page.getByRole('tab', { name: 'Rules' }).click();
    await page.getByRole('button', { name: 'Add a rule' }).click();
    const ruleForm = page.getByRole('dialog', { name: 'Add an alert rule' });
    await ruleForm.getByLabel('Name').fill(names.rule);
    await ruleForm.getByLabel('Send to channels').click();
    await page.getByTitle(`${names.channel} (Webhook)`).click();
    await ruleForm.getByRole('button', { name: 'Add rule' }).click();
    await expect(ruleForm).toBeHidden();
    await expect(
      page.getByRole('row').filter({ hasText: names.rule }).getByText('A backup job ends FAILED.'),
    ).toBeVisible();

    // A full backup of mysql_tenant whose next task fails with an IO error.
    await sim.failNextTask('mysql_tenant', -4009);
    const started = await page.request.post(`/api/clusters/${cluster}/backups`, {
      data: { type: 'full', tenants: ['mysql_tenant'] },
      headers: { 'Idempotency-Key': randomUUID() },
    });
    expect(started.status(), await started.text()).toBe(202);

    // The incident opens on its own (the page polls; nobody reloads).
    await page.getByRole('tab', { name: 'Incidents' }).click();
    const incident = page.getByRole('row').filter({ hasText: names.rule });
    await expect(incident).toBeVisible({ timeout: 45_000 });
    await expect(incident).toContainText('mysql_tenant');
    await expect(incident).toContainText(
      /Full backup job \d+ failed: Failed with OB_IO_ERROR \(-4009\)/,
    );
    await expect(incident.getByText('Still open')).toBeVisible();
    await expect(
      incident.getByRole('link', { name: /^Open job \d+ of mysql_tenant/ }),
    ).toBeVisible();

    // The message reached the receiver once, signed over timestamp and body.
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(2);
    const message = receiver.received[1]!;
    const signature = String(message.headers['x-obconsole-signature']);
    const [, ts, mac] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(signature) ?? [];
    expect(mac).toBe(createHmac('sha256', SECRET).update(`${ts}.${message.body}`).digest('hex'));
    const json = JSON.parse(message.body) as {
      id: string;
      event: string;
      rule: { name: string; kind: string };
      tenant: { name: string };
    };
    expect(json).toMatchObject({
      event: 'opened',
      rule: { name: names.rule, kind: 'backup_failed' },
      tenant: { name: 'mysql_tenant' },
    });

    // The delivery log of that channel: the message, delivered with the receiver's 200.
    await page.getByRole('tab', { name: 'Channels' }).click();
    await page.getByRole('button', { name: `Deliveries of ${names.channel}` }).click();
    const delivery = page.getByRole('row').filter({ hasText: json.id });
    await expect(delivery).toBeVisible({ timeout: 20_000 });
    await expect(delivery.getByText('Delivered')).toBeVisible();
    await expect(delivery.getByText('200', { exact: true })).toBeVisible();
    // One incident, one message: nothing more arrived meanwhile.
    expect(receiver.received).toHaveLength(2);
  } finally {
    // The console's store outlives this journey: leave no rule or channel for the next ones.
    const rules = (await (await page.request.get(`${api}/rules`)).json()) as {
      rules?: { id: string; name: string }[];
    };
    for (const r of rules.rules ?? [])
      if (r.name === names.rule) await page.request.delete(`${api}/rules/${r.id}`);
    const channels = (await (await page.request.get(`${api}/channels`)).json()) as {
      channels?: { id: string; name: string }[];
    };
    for (const c of channels.channels ?? [])
      if (c.name === names.channel) await page.request.delete(`${api}/channels/${c.id}`);
    await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
    void sim;
  }
});
