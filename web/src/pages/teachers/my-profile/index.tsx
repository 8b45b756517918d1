import { AuditOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { extendedActions, MY_EXTENDED_KEY, type ProfileSection } from '../../../api/extended.js';
import { MY_PROFILE_KEY, profileActions } from '../../../api/profile.js';
import { PageContainer } from '../../../components/page-container.js';
import { subjectsLabel } from '../../../labels.js';
import { ExtendedProfileCard } from '../components/extended-profile.js';
import { TeacherStatusTag } from '../components/teacher-tags.js';
import { BasicInfoDrawer } from './components/basic-info-drawer.js';
import { ExtendedSectionDrawer } from './components/extended-section-drawer.js';
import { KeyChangeDrawer } from './components/key-change-drawer.js';
import { MyRequests } from './components/my-requests.js';

/**
 * TCH-3 我的档案 (teacher): my record, non-key fields changed at once, key fields submitted to the
 * school for review (提交审核), and my requests with every round of their history. TCH-9 档案信息:
 * the extended profile, section by section, with its completeness.
 */
export default function MyProfilePage() {
  const { t } = useTranslation();
  const { data, error } = useQuery({ queryKey: MY_PROFILE_KEY, queryFn: profileActions.get, meta: { quiet: true } });
  const [editing, setEditing] = useState<'basic' | 'key' | null>(null);
  const extended = useQuery({ queryKey: MY_EXTENDED_KEY, queryFn: extendedActions.mine, meta: { quiet: true } });
  /** The extended-profile section being edited; kept while its drawer closes. */
  const [section, setSection] = useState<{ key: ProfileSection; open: boolean } | null>(null);
  const label = (k: string) => t(`teacher.${k}`);
  const dash = (v: string | null | undefined) => v || '-';

  if (!data) {
    return (
      <PageContainer title={t('menu.myProfile')}>
        <Card>{error ? error.message : <Skeleton active />}</Card>
      </PageContainer>
    );
  }

  const { teacher, requests } = data;
  const pending = requests.find((r) => r.state === 'pending');
  const returned = requests.find((r) => r.state === 'returned');

  const keyButton = (
    <Button type="primary" icon={<AuditOutlined />} disabled={!!pending} onClick={() => setEditing('key')} data-testid="profile-key-change">
      {t('myProfile.keyChange')}
    </Button>
  );

  return (
    <PageContainer
      title={t('menu.myProfile')}
      extra={
        <>
          <Button icon={<EditOutlined />} onClick={() => setEditing('basic')} data-testid="profile-edit-basic">
            {t('myProfile.editBasic')}
          </Button>
          {pending ? <Tooltip title={t('myProfile.pendingHint')}>{keyButton}</Tooltip> : keyButton}
        </>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            title={
              <Flex gap={8} align="center" wrap>
                <span>{teacher.name}</span>
                {teacher.verified ? (
                  <Tag color="green" data-testid="profile-verified">
                    {label('verifiedYes')}
                  </Tag>
                ) : (
                  <Tag data-testid="profile-verified">{label('verifiedNo')}</Tag>
                )}
                <TeacherStatusTag status={teacher.status} />
              </Flex>
            }
          >
            {!teacher.verified && !pending ? <Alert type="info" showIcon title={t('myProfile.unverifiedHint')} style={{ marginBottom: 16 }} /> : null}
            {pending ? <Alert type="warning" showIcon title={t('myProfile.pendingHint')} style={{ marginBottom: 16 }} /> : null}
            <Descriptions
              size="small"
              column={1}
              data-testid="profile-record"
              items={[
                { key: 'name', label: label('name'), children: teacher.name },
                { key: 'shixunNo', label: label('shixunNo'), children: teacher.shixunNo },
                { key: 'idNumber', label: label('idNumber'), children: teacher.idNumber },
                { key: 'gender', label: label('gender'), children: t(`gender.${teacher.gender}`) },
                { key: 'birthDate', label: label('birthDate'), children: teacher.birthDate },
                { key: 'school', label: label('school'), children: dash(teacher.schoolName) },
                { key: 'stage', label: label('teachingStage'), children: teacher.stage ? t(`stage.${teacher.stage}`) : '-' },
                { key: 'subjects', label: label('teachingSubjects'), children: dash(subjectsLabel(t, teacher.subjects)) },
                { key: 'title', label: label('title'), children: teacher.title ? t(`teacherTitle.${teacher.title}`) : '-' },
                { key: 'post', label: label('post'), children: teacher.post ? t(`teacherPost.${teacher.post}`) : '-' },
                { key: 'email', label: label('email'), children: dash(teacher.email) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <MyRequests teacher={teacher} requests={requests} onResubmit={() => setEditing('key')} />
        </Col>
        <Col xs={24}>
          {extended.data ? (
            <ExtendedProfileCard profile={extended.data} hint={t('extProfile.hint')} onEdit={(key) => setSection({ key, open: true })} />
          ) : (
            <Card title={t('extProfile.title')}>{extended.error ? extended.error.message : <Skeleton active />}</Card>
          )}
        </Col>
      </Row>
      <BasicInfoDrawer teacher={teacher} open={editing === 'basic'} onClose={() => setEditing(null)} />
      <KeyChangeDrawer teacher={teacher} returned={returned} open={editing === 'key'} onClose={() => setEditing(null)} />
      {extended.data && section ? (
        <ExtendedSectionDrawer profile={extended.data} section={section.key} open={section.open} onClose={() => setSection({ ...section, open: false })} />
      ) : null}
    </PageContainer>
  );
}
