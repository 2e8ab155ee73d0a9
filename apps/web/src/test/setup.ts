import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { applyLanguage } from '../i18n';
import { resetDatabaseState } from '../stores/database';
import { resetPreferences } from '../stores/preferences';
import { resetSelection } from '../stores/selection';
import { setStreamStatus } from '../stores/stream';

// findBy*/waitFor wait on a condition and return as soon as it holds; on a machine busy with
// other work a render can take longer than the 1 s default, which is then a false failure.
configure({ asyncUtilTimeout: 5000 });

// jsdom lacks what antd measures layout and breakpoints with.
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!('ResizeObserver' in window)) {
  Object.defineProperty(window, 'ResizeObserver', { writable: true, value: ResizeObserverStub });
  Object.defineProperty(globalThis, 'ResizeObserver', {
    writable: true,
    value: ResizeObserverStub,
  });
}

// antd asks for pseudo-element styles (scrollbar size), which jsdom does not implement.
const getComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (elt: Element) => getComputedStyle(elt);

window.scrollTo = () => {};
HTMLElement.prototype.scrollIntoView = function scrollIntoView() {};

// Chinese is fetched on first use (src/i18n). Loaded before the tests: when a file ended while that
// import was still under way, the module runner kept the failed import, and every later file of
// the worker stayed in English.
beforeAll(async () => {
  await applyLanguage('zh-CN');
  await applyLanguage('en');
});

// The files of a worker share one document and one copy of every module (vitest.config.ts:
// isolate is off, which saves re-importing antd and building a new jsdom for each file). So each
// test leaves them as the next one expects to find them: nothing left in the page (antd renders
// its dropdowns and notices outside the tree that cleanup unmounts), English, the light theme,
// and every store at its start.
afterEach(async () => {
  cleanup();
  document.body.innerHTML = '';
  document.body.removeAttribute('style');
  localStorage.clear();
  sessionStorage.clear();
  resetDatabaseState();
  resetSelection();
  setStreamStatus('connecting');
  resetPreferences();
  await applyLanguage('en');
});
