import type { TFunction } from 'i18next';
import type { Notice } from '../../../../api/enrolment.js';

/**
 * MSG-2: a message as a sentence in the reader's language. The server stores only `kind` and its
 * parameters (project names and reasons as given); states are labelled here.
 */
export function noticeText(t: TFunction, n: Pick<Notice, 'kind' | 'params'>): string {
  const p = n.params;
  const str = (k: string) => (p[k] === undefined || p[k] === null ? '' : String(p[k]));
  const reason = str('reason') ? t('notice.reason', { reason: str('reason') }) : '';
  switch (n.kind) {
    case 'enrolment.state':
      return (
        t('notice.enrolmentState', { project: str('project'), seq: str('seq'), state: t(`enrol.state.${str('state')}`, { defaultValue: str('state') }) }) +
        reason
      );
    case 'enrolment.selected':
      return t('notice.enrolmentSelected', { project: str('project'), seq: str('seq') });
    case 'enrolment.moved':
      return t('notice.enrolmentMoved', { project: str('project'), from: str('from'), to: str('to'), dates: str('dates') });
    case 'class.cancelled':
      return t('notice.classCancelled', { project: str('project'), seq: str('seq') }) + reason;
    case 'grade.recorded':
      return str('result') === 'pass'
        ? t('notice.gradePass', { project: str('project'), seq: str('seq'), hours: str('hours') })
        : t('notice.gradeFail', { project: str('project'), seq: str('seq') });
    case 'project.reviewed':
      return t('notice.projectReviewed', { project: str('project'), state: t(`notice.projectState.${str('state')}`, { defaultValue: str('state') }) }) + reason;
    default:
      return t('notice.unknown', { kind: n.kind });
  }
}
