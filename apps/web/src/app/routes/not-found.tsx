import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '../../config/paths';

export default function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      // The screen's one h1, like every other screen's.
      title={<h1 style={{ margin: 0, font: 'inherit' }}>404</h1>}
      subTitle={t('common.notFound')}
      extra={
        <Link to={paths.home}>
          <Button type="primary" tabIndex={-1}>
            {t('common.backHome')}
          </Button>
        </Link>
      }
    />
  );
}
