import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProviders } from './app/providers';
import { createQueryClient } from './app/query-client';
import { AppRoutes, redirectToLogin } from './app/router';
import { i18n, i18nReady } from './i18n';
import { errorHint, errorMessage } from './components/error-text';
import { notifyError } from './lib/notify';
import { env } from './config/env';

const queryClient = createQueryClient({
  onUnauthenticated: redirectToLogin,
  onMutationError: (error) => notifyError(errorMessage(i18n.t, error), errorHint(i18n.t, error)),
});

void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppProviders queryClient={queryClient}>
        <BrowserRouter basename={env.basePath}>
          <AppRoutes primeStyles />
        </BrowserRouter>
      </AppProviders>
    </StrictMode>,
  ),
);
