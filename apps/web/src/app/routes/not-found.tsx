import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '../../config/paths';

export default function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <Link to={paths.tenants}>
          <Button type="primary" tabIndex={-1}>
            {t('common.backHome')}
          </Button>
        </Link>
      }
    />
  );
}
