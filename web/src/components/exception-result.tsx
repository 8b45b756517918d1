import { Alert, Button, Card, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client.js';

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

/**
 * What a detail page shows until its record is there: 404 for an id that cannot be or is not
 * found, the error of the load, else a skeleton.
 */
export function LoadFallback({ notFound = false, error }: { notFound?: boolean; error: Error | null | undefined }) {
  if (notFound || (error instanceof ApiError && error.status === 404)) return <ExceptionResult status="404" />;
  if (error) return <Alert type="error" showIcon title={error.message} />;
  return (
    <Card>
      <Skeleton active />
    </Card>
  );
}
