import { useEffect, useRef, useState } from 'react';
import { Button, Flex, Modal, Steps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type {
  BackupType,
  PreviewRequest,
  SessionInfo,
  StartBackupRequest,
  StartBackupResponse,
} from '@obconsole/contracts';
import { backupQueries, useStartBackup } from '../api';
import { OptionsStep, type OptionsValue } from './options-step';
import { EncryptionStep, type EncryptionValue } from '../../../components/encryption-step';
import { ReviewStep, SwitchToFullAlert, needsFullBackup } from './review-step';
import {
  checkConfirmation,
  checkDescription,
  checkPassword,
} from '../../../components/backup-validation';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoading } from '../../../components/page-loading';
import { isApiError } from '../../../lib/http';
import { uuid } from '../../../lib/uuid';
import { useClusterId } from '../../../lib/session';

export interface StartBackupDialogProps {
  session: SessionInfo;
  initialType: BackupType;
  /** Tenant names ticked on the Tenants page. */
  selectedTenants: string[];
  /** A retry of a failed job starts from its options (the password is never known again). */
  initialOptions?: { plusArchivelog: boolean; description: string };
  onClose: () => void;
  onStarted: (response: StartBackupResponse) => void;
}

type Step = 0 | 1 | 2;

/**
 * The start-backup dialog. Mount it only while open: unmounting is what forgets the encryption
 * password, which lives in this component's state and nowhere else.
 */
export function StartBackupDialog({
  session,
  initialType,
  selectedTenants,
  initialOptions,
  onClose,
  onStarted,
}: StartBackupDialogProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>(0);
  const [options, setOptions] = useState<OptionsValue>({
    type: initialType,
    scope: session.isSys && selectedTenants.length > 0 ? 'selected' : 'all',
    plusArchivelog: initialOptions?.plusArchivelog ?? false,
    description: initialOptions?.description ?? '',
  });
  const [enc, setEnc] = useState<EncryptionValue>({ encrypt: false, password: '', confirm: '' });
  const [showPassword, setShowPassword] = useState(false);
  const [showErrors, setShowErrors] = useState(false);
  const [previewRequest, setPreviewRequest] = useState<PreviewRequest | null>(null);
  // One key per opening of the dialog: however often Start is pressed, one backup.
  const [idempotencyKey, setIdempotencyKey] = useState(uuid);
  const lastAttempt = useRef<string | null>(null);
  const starting = useRef(false);
  const clusterId = useClusterId();
  const start = useStartBackup(clusterId);
  const stepRegion = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);
  // Each new step takes focus, so a screen reader says which step it is and what is on it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    stepRegion.current?.focus({ preventScroll: true });
  }, [step]);
  const stepTitles = [t('backup.stepOptions'), t('backup.stepEncryption'), t('backup.stepReview')];

  const preview = useQuery({
    ...backupQueries.preview(clusterId, previewRequest ?? { type: options.type, tenants: 'all' }),
    enabled: step === 2 && previewRequest !== null,
  });

  const descriptionError = checkDescription(options.description);
  const passwordError = enc.encrypt ? checkPassword(enc.password) : undefined;
  const confirmError =
    enc.encrypt && !passwordError ? checkConfirmation(enc.password, enc.confirm) : undefined;

  // A tenant session backs up its own tenant: "all" is its whole scope (ALTER SYSTEM BACKUP DATABASE).
  const tenants: PreviewRequest['tenants'] =
    session.isSys && options.scope === 'selected' ? selectedTenants : 'all';
  const description = options.description.trim() || undefined;

  const buildPreview = (type: BackupType): PreviewRequest => ({
    type,
    tenants,
    plusArchivelog: options.plusArchivelog,
    description,
    encrypted: enc.encrypt,
  });

  const next = () => {
    setShowErrors(true);
    if (step === 0) {
      if (descriptionError) return;
      setShowErrors(false);
      setStep(1);
    } else if (step === 1) {
      if (passwordError || confirmError) return;
      setShowErrors(false);
      setPreviewRequest(buildPreview(options.type));
      setStep(2);
    }
  };

  const back = () => {
    setShowErrors(false);
    start.reset();
    setStep((s) => (s > 0 ? ((s - 1) as Step) : s));
  };

  const switchToFull = () => {
    setOptions((o) => ({ ...o, type: 'full' }));
    setPreviewRequest(buildPreview('full'));
    start.reset();
  };

  const startBackup = () => {
    if (starting.current || start.isPending || !previewRequest) return;
    const request: StartBackupRequest = {
      type: previewRequest.type,
      tenants: previewRequest.tenants,
      plusArchivelog: previewRequest.plusArchivelog,
      description: previewRequest.description,
      encryptionPassword: enc.encrypt ? enc.password : undefined,
    };
    // Same request again: same key, so a lost answer can be retried safely. A different request
    // after a refusal started nothing, so it gets a fresh key instead of IDEMPOTENCY_CONFLICT.
    const fingerprint = JSON.stringify({ ...previewRequest, encrypted: enc.encrypt });
    let key = idempotencyKey;
    if (lastAttempt.current !== null && lastAttempt.current !== fingerprint && start.isError) {
      key = uuid();
      setIdempotencyKey(key);
    }
    lastAttempt.current = fingerprint;
    starting.current = true;
    start.mutate(
      { request, idempotencyKey: key },
      {
        onSuccess: (res) => onStarted(res),
        onSettled: () => {
          starting.current = false;
        },
      },
    );
  };

  const startRefusedForFull =
    isApiError(start.error) &&
    start.error.code === 'NO_FULL_BACKUP' &&
    previewRequest?.type === 'incremental';

  const footer = (
    <Flex justify="space-between">
      <Button onClick={onClose}>{t('common.cancel')}</Button>
      <Flex gap={8}>
        {step > 0 && (
          <Button onClick={back} disabled={start.isPending}>
            {t('backup.back')}
          </Button>
        )}
        {step < 2 ? (
          <Button type="primary" onClick={next}>
            {t('backup.next')}
          </Button>
        ) : (
          <Button
            type="primary"
            onClick={startBackup}
            loading={start.isPending}
            disabled={start.isPending || !preview.isSuccess || !preview.data.canStart}
          >
            {t('backup.start')}
          </Button>
        )}
      </Flex>
    </Flex>
  );

  return (
    <Modal
      open
      title={t('backup.dialogTitle')}
      onCancel={onClose}
      footer={footer}
      width={760}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Steps
        size="small"
        current={step}
        style={{ margin: '8px 0 24px' }}
        items={stepTitles.map((title) => ({ title }))}
      />
      <div
        ref={stepRegion}
        tabIndex={-1}
        role="group"
        aria-label={t('ocp.a11y.step', {
          current: step + 1,
          total: stepTitles.length,
          title: stepTitles[step],
        })}
        style={{ outline: 'none' }}
      >
        <span className="visually-hidden" aria-live="polite">
          {t('ocp.a11y.step', {
            current: step + 1,
            total: stepTitles.length,
            title: stepTitles[step],
          })}
        </span>
        {step === 0 && (
          <OptionsStep
            value={options}
            onChange={(patch) => setOptions((o) => ({ ...o, ...patch }))}
            isSys={session.isSys}
            ownTenant={session.tenant}
            selectedTenants={selectedTenants}
            descriptionError={
              showErrors || options.description.length > 0 ? descriptionError : undefined
            }
          />
        )}
        {step === 1 && (
          <EncryptionStep
            value={enc}
            onChange={(patch) => setEnc((e) => ({ ...e, ...patch }))}
            showPassword={showPassword}
            onToggleShow={() => setShowPassword((s) => !s)}
            passwordError={showErrors ? passwordError : undefined}
            confirmError={showErrors ? confirmError : undefined}
          />
        )}
        {step === 2 &&
          (preview.isPending ? (
            <PageLoading minHeight={200} />
          ) : preview.isError ? (
            <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} />
          ) : (
            <Flex vertical gap={16}>
              <ReviewStep
                preview={preview.data}
                options={{
                  plusArchivelog: options.plusArchivelog,
                  encrypted: enc.encrypt,
                  description,
                }}
                isSys={session.isSys}
                onSwitchToFull={switchToFull}
              />
              {start.isError && (
                <>
                  <ErrorAlert error={start.error} />
                  {startRefusedForFull && !needsFullBackup(preview.data) && (
                    <SwitchToFullAlert onSwitchToFull={switchToFull} />
                  )}
                </>
              )}
            </Flex>
          ))}
      </div>
    </Modal>
  );
}

export default StartBackupDialog;
