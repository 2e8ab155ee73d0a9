import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LoginRoute } from '../routes/login-route';
import { errorBody, stubFetch } from '../../../test/fetch';
import { renderInApp } from '../../../test/render';
import type { HealthResponse } from '@obconsole/contracts';
import { clusterSummary, clustersBody } from '../../../test/clusters';

const health: HealthResponse = { status: 'ok', database: 'up', simulated: true };
const hz = clusterSummary('obcluster-hz', null, {
  name: 'obcluster-hz (Hangzhou)',
  simulated: true,
  demoAccounts: [{ tenant: 'sys', user: 'root', role: 'cluster administrator' }],
});
const sh = clusterSummary('obcluster-sh', null, {
  name: 'obcluster-sh (Shanghai)',
  simulated: true,
  demoAccounts: [{ tenant: 'trade_tenant', user: 'trade_admin', role: 'tenant admin' }],
});

async function submitLogin() {
  const user = userEvent.setup({ delay: null });
  await user.clear(await screen.findByLabelText('Tenant'));
  await user.type(screen.getByLabelText('Tenant'), 'mysql_tenant');
  await user.type(screen.getByLabelText('User'), 'root');
  await user.type(screen.getByLabelText('Password'), 'wrong');
  await user.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('login form', () => {
  it("says wrong credentials in the user's language when the BFF answers LOGIN_FAILED", async () => {
    const { calls } = stubFetch({
      'GET /api/health': { body: health },
      'GET /api/clusters': clustersBody(hz),
      'POST /api/clusters/obcluster-hz/session': {
        status: 401,
        body: errorBody('LOGIN_FAILED', 'Access denied for user root@mysql_tenant'),
      },
    });
    renderInApp(<LoginRoute />, { route: '/login' });
    await submitLogin();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Wrong tenant, user or password');
    // The web says it from the code; the server's English is for API clients.
    expect(alert).not.toHaveTextContent('Access denied for user root@mysql_tenant');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      tenant: 'mysql_tenant',
      user: 'root',
      password: 'wrong',
    });
  });

  it('says logins are locked when the BFF answers RATE_LIMITED', async () => {
    stubFetch({
      'GET /api/health': { body: health },
      'GET /api/clusters': clustersBody(hz),
      'POST /api/clusters/obcluster-hz/session': {
        status: 429,
        body: errorBody('RATE_LIMITED', 'Too many login attempts', { retryAfterSeconds: 42 }),
      },
    });
    renderInApp(<LoginRoute />, { route: '/login' });
    await submitLogin();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many login attempts: logins are locked for a while');
    expect(alert).toHaveTextContent('Try again in 42s.');
    // One wait time, not three.
    expect(alert.textContent?.match(/\d+ ?(s|min|minutes?)\b/g)).toHaveLength(1);
    expect(alert).not.toHaveTextContent('Wrong tenant');
  });

  it('says the database cannot be reached when the BFF answers DATABASE_UNAVAILABLE', async () => {
    stubFetch({
      'GET /api/health': { body: health },
      'GET /api/clusters': clustersBody(hz),
      'POST /api/clusters/obcluster-hz/session': {
        status: 503,
        body: errorBody(
          'DATABASE_UNAVAILABLE',
          'The database at 10.0.0.7:2881 cannot be reached right now.',
          undefined,
          { variant: 'host', host: '10.0.0.7:2881' },
        ),
      },
    });
    renderInApp(<LoginRoute />, { route: '/login' });
    await submitLogin();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The database cannot be reached');
    expect(alert).toHaveTextContent('The database at 10.0.0.7:2881 cannot be reached.');
    expect(alert).toHaveTextContent('Check that the observer (or OBProxy) is running');
  });

  it('shows the simulated-cluster banner with the demo logins, and a demo login fills the form', async () => {
    stubFetch({ 'GET /api/health': { body: health }, 'GET /api/clusters': clustersBody(hz) });
    renderInApp(<LoginRoute />, { route: '/login' });
    expect(await screen.findByText('Simulated cluster')).toBeInTheDocument();
    // One cluster configured: nothing to choose.
    expect(screen.queryByLabelText('Cluster')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /root@sys/ }));
    expect(screen.getByLabelText('Tenant')).toHaveValue('sys');
    expect(screen.getByLabelText('User')).toHaveValue('root');
    expect(screen.getByRole('heading', { name: 'Log in' })).toBeInTheDocument();
  });

  it("with two clusters the form asks which one, shows that cluster's demo logins, and signs in to it", async () => {
    const { calls } = stubFetch({
      'GET /api/health': { body: health },
      'GET /api/clusters': clustersBody(hz, sh),
      'POST /api/clusters/obcluster-sh/session': {
        status: 401,
        body: errorBody('LOGIN_FAILED', 'Access denied'),
      },
    });
    renderInApp(<LoginRoute />, { route: '/login?cluster=obcluster-sh' });
    const user = userEvent.setup({ delay: null });
    // ?cluster= preselects it; its own demo accounts are offered, not the other cluster's.
    expect(await screen.findByRole('button', { name: /trade_admin@trade_tenant/ })).toBeVisible();
    expect(screen.queryByRole('button', { name: /root@sys/ })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Cluster')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /trade_admin@trade_tenant/ }));
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong tenant, user or password');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe('/api/clusters/obcluster-sh/session');
    expect(post?.body).toEqual({ tenant: 'trade_tenant', user: 'trade_admin', password: 'pw' });

    // Choosing the other cluster swaps the demo logins and empties what was typed for this one.
    // A native <select>: the keyboard and assistive technology know it without help.
    await user.selectOptions(screen.getByLabelText('Cluster'), 'obcluster-hz (Hangzhou)');
    expect(await screen.findByRole('button', { name: /root@sys/ })).toBeVisible();
    expect(screen.queryByRole('button', { name: /trade_admin/ })).not.toBeInTheDocument();
    expect(screen.getByLabelText('User')).toHaveValue('');
  });
});
