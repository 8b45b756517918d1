import { ExceptionResult } from '../../../components/exception-result.js';

export default function NotFoundPage() {
  return <ExceptionResult status="404" />;
}
