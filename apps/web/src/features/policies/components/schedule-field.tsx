import { Checkbox, Flex, Input, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pickerToCron, type Frequency, type PickerValue } from '../schedule-picker';

interface Props {
  /** "full" or "incremental": names the controls. */
  id: string;
  label: string;
  value: PickerValue;
  onChange: (v: PickerValue) => void;
  /** Why the line is not valid, to show at the field. */
  error?: string;
}

const WEEK = [1, 2, 3, 4, 5, 6, 0];
const MONTH_DAYS = Array.from({ length: 31 }, (_, i) => i + 1);

/** Daily / weekly / monthly pickers as OCP offers them, or a raw cron line for experts. */
export function ScheduleField({ id, label, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<PickerValue>) => {
    const next = { ...value, ...patch };
    // Switching to raw cron starts from what the pickers meant, not from an empty line.
    if (patch.frequency === 'cron' && value.frequency !== 'cron')
      next.cron = pickerToCron(value) ?? value.cron;
    onChange(next);
  };
  const helpId = `${id}-schedule-help`;
  const cron = pickerToCron(value);
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }} aria-describedby={helpId}>
      <legend style={{ fontWeight: 600, fontSize: 14, marginBottom: 8 }}>{label}</legend>
      <Flex vertical gap={8}>
        <Radio.Group
          aria-label={t('policies.form.frequency', { schedule: label })}
          value={value.frequency}
          onChange={(e) => set({ frequency: e.target.value as Frequency })}
          optionType="button"
          options={(['daily', 'weekly', 'monthly', 'cron'] as const).map((f) => ({
            value: f,
            label: t(`policies.form.freq.${f}`),
          }))}
        />
        {value.frequency === 'weekly' && (
          <Checkbox.Group
            aria-label={t('policies.form.weekdays', { schedule: label })}
            value={value.weekdays}
            onChange={(v) => set({ weekdays: v })}
            options={WEEK.map((d) => ({ value: d, label: t(`policies.weekday.${d}` as never) }))}
          />
        )}
        {value.frequency === 'monthly' && (
          <Select
            mode="multiple"
            aria-label={t('policies.form.monthDays', { schedule: label })}
            style={{ maxWidth: 420 }}
            value={value.monthDays}
            onChange={(v: number[]) => set({ monthDays: v })}
            placeholder={t('policies.form.monthDaysPlaceholder')}
            options={MONTH_DAYS.map((d) => ({
              value: d,
              label: t('policies.form.monthDay', { day: d }),
            }))}
          />
        )}
        {value.frequency === 'cron' ? (
          <Input
            id={`${id}-cron`}
            aria-label={t('policies.form.cron', { schedule: label })}
            value={value.cron}
            onChange={(e) => set({ cron: e.target.value })}
            placeholder="0 2 * * 0"
            spellCheck={false}
            translate="no"
            style={{ maxWidth: 260, fontFamily: 'monospace' }}
            aria-invalid={error ? true : undefined}
          />
        ) : (
          <Flex align="center" gap={8}>
            <label htmlFor={`${id}-time`}>{t('policies.form.time')}</label>
            <Input
              id={`${id}-time`}
              type="time"
              value={value.time}
              onChange={(e) => set({ time: e.target.value })}
              style={{ width: 130 }}
              aria-invalid={error ? true : undefined}
            />
          </Flex>
        )}
        <Typography.Text
          id={helpId}
          type={error ? 'danger' : 'secondary'}
          role={error ? 'alert' : undefined}
        >
          {error ??
            (cron ? (
              <>
                {t('policies.form.cronIs')} <code translate="no">{cron}</code>
              </>
            ) : null)}
        </Typography.Text>
      </Flex>
    </fieldset>
  );
}
