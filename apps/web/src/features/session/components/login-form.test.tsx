import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LoginRoute } from '../routes/login-route';
import { errorBody, stubFetch } from '../../../test/fetch';
import { renderInApp } from '../../../test/render';
import type { HealthResponse } from '@obconsole/contracts';

const health: HealthResponse = {
  status: 'ok',
  database: 'up',
  simulated: true,
  demoAccounts: [{ tenant: 'sys', user: 'root', role: 'cluster administrator' }],
};

async function submitLogin() {
  const user = userEvent.setup({ delay: null });
  await user.clear(screen.getByLabelText('Tenant'));
  await user.type(screen.getByLabelText('Tenant'), 'mysql_tenant');
  await user.type(screen.getByLabelText('User'), 'root');
  await user.type(screen.getByLabelText('Password'), 'wrong');
  await user.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('login form', () => {
  it("says wrong credentials in the user's language when the BFF answers LOGIN_FAILED", async () => {
    const { calls } = stubFetch({
      'GET /api/health': { body: health },
      'POST /api/session': {
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
      'POST /api/session': {
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
      'POST /api/session': {
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
    stubFetch({ 'GET /api/health': { body: health } });
    renderInApp(<LoginRoute />, { route: '/login' });
    expect(await screen.findByText('Simulated cluster')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /root@sys/ }));
    expect(screen.getByLabelText('Tenant')).toHaveValue('sys');
    expect(screen.getByLabelText('User')).toHaveValue('root');
    expect(screen.getByRole('heading', { name: 'Log in' })).toBeInTheDocument();
  });
});
