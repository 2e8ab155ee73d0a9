import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DatePicker } from 'antd';
import { useTranslation } from 'react-i18next';
import { PreferenceControls } from './preference-controls';
import { renderInApp } from '../test/render';

function Sample() {
  const { t } = useTranslation();
  return (
    <>
      <PreferenceControls />
      <h1>{t('tenants.heading')}</h1>
      <button>{t('tenants.fullBackup')}</button>
      <DatePicker />
    </>
  );
}

describe('language and theme switches', () => {
  it('switches to Simplified Chinese and back: our strings, antd’s own strings, remembered in localStorage', async () => {
    const user = userEvent.setup({ delay: null });
    renderInApp(<Sample />);
    expect(screen.getByRole('heading', { name: 'Tenants' })).toBeInTheDocument();
    expect(screen.getByPlaceholderText('Select date')).toBeInTheDocument();

    await user.click(screen.getByRole('combobox', { name: 'Language' }));
    await user.click(await screen.findByText('简体中文'));

    expect(await screen.findByRole('heading', { name: '租户' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '全量备份' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByPlaceholderText('请选择日期')).toBeInTheDocument());
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(JSON.parse(localStorage.getItem('obconsole.preferences') ?? '{}')).toMatchObject({
      state: { language: 'zh-CN' },
    });

    await user.click(screen.getByRole('combobox', { name: '语言' }));
    await user.click(await screen.findByText('English'));
    expect(await screen.findByRole('heading', { name: 'Tenants' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByPlaceholderText('Select date')).toBeInTheDocument());
  });

  it('the dark mode switch is a labelled switch whose state is remembered', async () => {
    const user = userEvent.setup({ delay: null });
    renderInApp(<Sample />);
    const dark = screen.getByRole('switch', { name: 'Dark mode' });
    expect(dark).not.toBeChecked();
    await user.click(dark);
    expect(dark).toBeChecked();
    expect(JSON.parse(localStorage.getItem('obconsole.preferences') ?? '{}')).toMatchObject({
      state: { theme: 'dark' },
    });
    expect(document.documentElement.style.colorScheme).toBe('dark');
  });
});
