import { Alert, Button, Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MAX, type PasswordError } from './backup-validation';

export interface EncryptionValue {
  encrypt: boolean;
  password: string;
  confirm: string;
}

interface Props {
  value: EncryptionValue;
  onChange: (patch: Partial<EncryptionValue>) => void;
  showPassword: boolean;
  onToggleShow: () => void;
  passwordError?: PasswordError;
  confirmError?: 'passwordMismatch';
  /** The caller asks whether to protect (a policy's "change the password"): no checkbox here. */
  hideToggle?: boolean;
}

export function EncryptionStep({
  value,
  onChange,
  showPassword,
  onToggleShow,
  passwordError,
  confirmError,
  hideToggle = false,
}: Props) {
  const { t } = useTranslation();
  const inputType = showPassword ? 'text' : 'password';
  return (
    <Form layout="vertical" component="div">
      {!hideToggle && (
        <Form.Item extra={t('backup.encryptHelp')}>
          <Checkbox
            checked={value.encrypt}
            onChange={(e) => onChange({ encrypt: e.target.checked })}
          >
            {t('backup.encrypt')}
          </Checkbox>
        </Form.Item>
      )}
      {value.encrypt && (
        <>
          <Alert
            type="warning"
            role="note"
            showIcon
            title={t('backup.passwordWarning')}
            style={{ marginBottom: 16 }}
          />
          <Form.Item
            label={t('backup.password')}
            htmlFor="backup-password"
            validateStatus={passwordError ? 'error' : undefined}
            help={
              passwordError ? (
                <span id="backup-password-help" role="alert">
                  {t(`backup.${passwordError}`, { max: PASSWORD_MAX })}
                </span>
              ) : undefined
            }
          >
            <Input
              id="backup-password"
              type={inputType}
              value={value.password}
              onChange={(e) => onChange({ password: e.target.value })}
              autoComplete="new-password"
              spellCheck={false}
              aria-invalid={passwordError ? true : undefined}
              aria-describedby={passwordError ? 'backup-password-help' : undefined}
            />
          </Form.Item>
          <Form.Item
            label={t('backup.confirm')}
            htmlFor="backup-password-confirm"
            validateStatus={confirmError ? 'error' : undefined}
            help={
              confirmError ? (
                <span id="backup-confirm-help" role="alert">
                  {t(`backup.${confirmError}`)}
                </span>
              ) : undefined
            }
          >
            <Input
              id="backup-password-confirm"
              type={inputType}
              value={value.confirm}
              onChange={(e) => onChange({ confirm: e.target.value })}
              autoComplete="new-password"
              spellCheck={false}
              aria-invalid={confirmError ? true : undefined}
              aria-describedby={confirmError ? 'backup-confirm-help' : undefined}
            />
          </Form.Item>
          {/* A toggle: the name stays "Show password", aria-pressed says whether it is shown. */}
          <Button aria-pressed={showPassword} onClick={onToggleShow}>
            {t('backup.showPassword')}
          </Button>
        </>
      )}
    </Form>
  );
}
