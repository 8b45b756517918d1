import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** A 403/404 page with the way back home. */
export function ExceptionResult({ status }: { status: '403' | '404' }) {
  const { t } = useTranslation();
  return (
    <Result
      status={status}
      title={status}
      subTitle={t(status === '403' ? 'exception.forbidden' : 'exception.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('exception.backHome')}</Button>
        </Link>
      }
    />
  );
}
