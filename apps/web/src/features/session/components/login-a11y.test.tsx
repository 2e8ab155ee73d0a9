import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { HealthResponse } from '@obconsole/contracts';
import { LoginRoute } from '../routes/login-route';
import { errorBody, stubFetch } from '../../../test/fetch';
import { renderInApp } from '../../../test/render';
import { clusterSummary, clustersBody } from '../../../test/clusters';

const health: HealthResponse = { status: 'ok', database: 'up', simulated: true };
const hz = clusterSummary('obcluster-hz', null, { name: 'obcluster-hz (Hangzhou)' });

function routes() {
  return stubFetch({
    'GET /api/health': { body: health },
    'GET /api/clusters': clustersBody(hz),
    'POST /api/clusters/obcluster-hz/session': {
      status: 401,
      body: errorBody('LOGIN_FAILED', 'Access denied'),
    },
  });
}

describe('login form accessibility', () => {
  it('a refused field is marked invalid, described by its error, announced and focused; nothing is sent', async () => {
    const { calls } = routes();
    renderInApp(<LoginRoute />, { route: '/login' });
    const user = userEvent.setup({ delay: null });
    const tenant = await screen.findByLabelText('Tenant');
    await user.clear(tenant);
    await user.type(tenant, '9bad');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(tenant).toHaveAttribute('aria-invalid', 'true');
    expect(tenant).toHaveAccessibleDescription(
      'A tenant name is a letter or _ followed by letters, digits or _.',
    );
    // The user field is empty too: both are announced, and the first one gets the focus.
    const userField = screen.getByLabelText('User');
    expect(userField).toHaveAccessibleDescription('Enter a database user.');
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
      'A tenant name is a letter or _ followed by letters, digits or _.',
      'Enter a database user.',
    ]);
    expect(tenant).toHaveFocus();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    // Corrected, the field is valid again at once and no longer described by an error.
    await user.clear(tenant);
    await user.type(tenant, 'sys');
    expect(tenant).toHaveAttribute('aria-invalid', 'false');
    expect(tenant).not.toHaveAccessibleDescription();
    expect(userField).toHaveAttribute('aria-invalid', 'true');
  });

  it('works by keyboard alone: the focus starts in User, Tab moves on, Enter signs in, the refusal is announced', async () => {
    const { calls } = routes();
    renderInApp(<LoginRoute />, { route: '/login' });
    const user = userEvent.setup({ delay: null });
    const userField = await screen.findByLabelText('User');
    await waitFor(() => expect(userField).toHaveFocus());
    await user.keyboard('root');
    await user.tab();
    expect(screen.getByLabelText('Password')).toHaveFocus();
    await user.keyboard('wrong{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Wrong tenant, user or password');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      tenant: 'sys',
      user: 'root',
      password: 'wrong',
    });
    await user.tab();
    expect(screen.getByRole('button', { name: 'Log in' })).toHaveFocus();
  });
});
