import { useMemo } from 'react';
import { Select } from 'antd';

/** The IANA zones this browser knows (the server checks the name again with its own list). */
function zones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const list = intl.supportedValuesOf?.('timeZone') ?? [];
  return ['UTC', ...list.filter((z) => z !== 'UTC')];
}

export function TimeZoneSelect({
  id,
  value,
  onChange,
  invalid,
}: {
  id: string;
  value: string;
  onChange: (zone: string) => void;
  invalid: boolean;
}) {
  const options = useMemo(() => zones().map((z) => ({ value: z, label: z })), []);
  return (
    <Select
      id={id}
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={onChange}
      options={options}
      status={invalid ? 'error' : undefined}
      style={{ maxWidth: 320 }}
      aria-describedby="policy-timeZone-help"
      virtual
    />
  );
}
