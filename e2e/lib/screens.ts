import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { englishWords } from '../language-check';
import { en } from '../../apps/web/src/i18n/en';
import { zhCN } from '../../apps/web/src/i18n/zh-CN';

export type Language = 'en' | 'zh-CN';
export type Theme = 'light' | 'dark';
export const LANGUAGES: Language[] = ['en', 'zh-CN'];
export const THEMES: Theme[] = ['light', 'dark'];

/** The console's own strings, so that one journey finds its controls in either language. */
export function messages(language: Language) {
  return language === 'en' ? en : zhCN;
}

/** Where every run writes its screenshots: README.md names this folder; git ignores it. */
export const SCREENSHOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

/** Opens the console with these preferences already remembered, as a returning user has them. */
export async function usePreferences(page: Page, language: Language, theme: Theme): Promise<void> {
  await page.addInitScript(
    ([l, t]) => {
      localStorage.setItem(
        'obconsole.preferences',
        JSON.stringify({ state: { language: l, theme: t }, version: 0 }),
      );
    },
    [language, theme] as const,
  );
}

/**
 * Switches the open page to a theme as another tab of the console would: the remembered
 * preference changes and the browser's 'storage' event tells this tab, which follows at once.
 */
export async function switchTheme(page: Page, language: Language, theme: Theme): Promise<void> {
  await page.evaluate(
    ([l, t]) => {
      const key = 'obconsole.preferences';
      localStorage.setItem(key, JSON.stringify({ state: { language: l, theme: t }, version: 0 }));
      window.dispatchEvent(new StorageEvent('storage', { key }));
    },
    [language, theme] as const,
  );
  await page.waitForFunction((t) => document.documentElement.style.colorScheme === t, theme);
}

export interface AxeFinding {
  screen: string;
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/**
 * What a theme can change on a screen whose DOM is the same: colours. The first theme checked
 * runs every rule; the others only these (the rest would find the same as before, at the
 * price of a whole axe run each).
 */
export const THEME_RULES = ['color-contrast', 'link-in-text-block'];

const STRUCTURE = [
  ['h1', 'one-h1-per-page'],
  ['main, [role="main"]', 'one-main-landmark'],
] as const;

/**
 * Runs axe-core on what is on screen against WCAG 2.1 A and AA (in a theme after the first,
 * THEME_RULES), returns the serious and critical findings, and writes the screenshot of the
 * same moment.
 */
export async function checkScreen(
  page: Page,
  name: string,
  { language, theme }: { language: Language; theme: Theme },
): Promise<AxeFinding[]> {
  // Nothing moves while axe measures colours (a fading dialog mask or a hovered row would
  // change the background it computes): pointer away, finite animations finished.
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready);
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  const everything = theme === THEMES[0];
  const axe = new AxeBuilder({ page });
  // Only violations are reported on: axe then skips building its passes and incomplete lists.
  const result = await (
    everything
      ? axe.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      : axe.withRules(THEME_RULES)
  )
    .options({ resultTypes: ['violations'] })
    .analyze();
  const file = join(SCREENSHOT_DIR, `${language}-${theme}`, `${name}.png`);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  // One h1 and one main landmark on every screen, a dialog open or not (the same in any theme).
  const structure: AxeFinding[] = [];
  for (const [selector, id] of everything ? STRUCTURE : []) {
    const n = await page.locator(selector).count();
    if (n !== 1)
      structure.push({
        screen: `${language}/${theme}/${name}`,
        id,
        impact: 'serious',
        help: `expected exactly one ${selector}, found ${n}`,
        nodes: [],
      });
  }
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      screen: `${language}/${theme}/${name}`,
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    }))
    .concat(structure);
}

/** Names the screens show in Latin letters on a Chinese screen (tenants, accounts). */
export const AUDIT_NAMES = ['mysql_tenant', 'oracle_tenant', 'root', 'sys', 'support'];

/** A message with its {{placeholders}} filled, as i18next would. */
export const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');

/**
 * One journey's screen checks: `check(name)` axe-checks what is on screen in every theme (and,
 * in Chinese, looks for English outside `names`, the journey's or the screen's own, when given);
 * `expectNone()` at the end fails with every finding of the journey listed.
 */
export function screenChecks(page: Page, language: Language, journeyNames?: string[]) {
  const findings: AxeFinding[] = [];
  return {
    check: async (name: string, names = journeyNames) => {
      for (const theme of THEMES) {
        await switchTheme(page, language, theme);
        findings.push(...(await checkScreen(page, name, { language, theme })));
      }
      if (names && language === 'zh-CN')
        expect(await englishWords(page, names), `English words on ${name}`).toEqual([]);
    },
    expectNone: () => {
      const report = findings
        .map((f) => `${f.screen}: ${f.impact} ${f.id} (${f.help})\n    ${f.nodes.join('\n    ')}`)
        .join('\n');
      expect(findings, report).toEqual([]);
    },
  };
}
