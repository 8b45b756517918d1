import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Skeleton, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Teacher } from '../../../../../common/schemas/teachers.js';
import { ApiError, api } from '../../../api/client.js';
import { useCurrentMe } from '../../../api/session.js';
import { ExceptionResult } from '../../../components/exception-result.js';
import { PageContainer } from '../../../components/page-container.js';
import { subjectsLabel } from '../../../labels.js';
import { TeacherExtendedProfile } from '../components/extended-profile.js';
import { ReleaseAction } from '../components/release-action.js';
import { ReopenButton } from '../components/reopen-button.js';
import { TeacherActions } from '../components/teacher-actions.js';
import { TeacherRoleTags, TeacherStatusTag } from '../components/teacher-tags.js';
import { VerifyButton } from '../components/verify-button.js';

/** One teacher record (ID number and mobile masked), with the same actions as the list. */
export default function TeacherDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentMe();
  const { id } = useParams();
  const { data, error } = useQuery({
    queryKey: ['/api/teachers', Number(id)],
    queryFn: () => api.get<Teacher>(`/api/teachers/${id}`),
    meta: { quiet: true },
  });
  const label = (k: string) => t(`teacher.${k}`);
  const dash = (v: string | null | undefined) => v || '-';

  let body = (
    <Card>
      <Skeleton active />
    </Card>
  );
  if (error) {
    body = error instanceof ApiError && error.status === 404 ? <ExceptionResult status="404" /> : <Card>{error.message}</Card>;
  } else if (data) {
    const school = data.schoolName ? (
      me.abilities.includes('schools.view') && data.schoolId ? (
        <Link to={`/org/schools/${data.schoolId}`}>{data.schoolName}</Link>
      ) : (
        data.schoolName
      )
    ) : (
      '-'
    );
    body = (
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            <span>{data.name}</span>
            <TeacherStatusTag status={data.status} />
          </Flex>
        }
      >
        <Flex justify="flex-end" gap={8} wrap style={{ marginBottom: 16 }}>
          <TeacherActions teacher={data} variant="detail" />
          <ReleaseAction teacher={data} />
          <ReopenButton teacher={data} />
          <VerifyButton teacher={data} />
        </Flex>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          data-testid="teacher-detail"
          items={[
            { key: 'name', label: label('name'), children: data.name },
            { key: 'shixunNo', label: label('shixunNo'), children: data.shixunNo },
            { key: 'idNumber', label: label('idNumber'), children: data.idNumber },
            { key: 'gender', label: label('gender'), children: t(`gender.${data.gender}`) },
            { key: 'birthDate', label: label('birthDate'), children: data.birthDate },
            { key: 'mobile', label: label('mobile'), children: dash(data.mobile) },
            { key: 'email', label: label('email'), children: dash(data.email) },
            { key: 'county', label: label('county'), children: dash(data.countyName) },
            { key: 'school', label: label('school'), children: school },
            { key: 'stage', label: label('teachingStage'), children: data.stage ? t(`stage.${data.stage}`) : '-' },
            { key: 'subjects', label: label('teachingSubjects'), children: dash(subjectsLabel(t, data.subjects)) },
            { key: 'title', label: label('title'), children: data.title ? t(`teacherTitle.${data.title}`) : '-' },
            { key: 'post', label: label('post'), children: data.post ? t(`teacherPost.${data.post}`) : '-' },
            { key: 'status', label: label('status'), children: <TeacherStatusTag status={data.status} /> },
            {
              key: 'verified',
              label: label('verified'),
              children: data.verified ? <Tag color="green">{label('verifiedYes')}</Tag> : <Tag>{label('verifiedNo')}</Tag>,
            },
            { key: 'roles', label: label('roles'), children: <TeacherRoleTags teacher={data} /> },
          ]}
        />
      </Card>
    );
  }

  return (
    <PageContainer
      title={t('menu.teacherDetail')}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
      }
    >
      {body}
      {data && !error ? (
        <div style={{ marginTop: 16 }}>
          <TeacherExtendedProfile teacherId={data.id} />
        </div>
      ) : null}
    </PageContainer>
  );
}
