import { CheckCircleOutlined, EditOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, Flex, Progress, Row, Skeleton, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PROFILE_SECTION_KEYS, type ProfileSection } from '../../../../../common/schemas/teacher-profile.js';
import { type ExtendedProfile, extendedActions, teacherExtendedKey } from '../../../api/extended.js';
import { formatTime } from '../../../labels.js';

type Sections = ExtendedProfile['sections'];
/** Tags inside a card title: not bold like the title itself. */
const TAG_STYLE = { marginInlineEnd: 0, fontWeight: 'normal' } as const;

/** Whether a section counts as filled (the server's rule: a list with a row, an object at all). */
function sectionFilled(profile: ExtendedProfile, section: ProfileSection) {
  const v = profile.sections[section];
  return Array.isArray(v) ? v.length > 0 : !!v;
}

/** 档案完整度: the required sections filled, 档案完整 or 待完善 with what is missing. */
function ExtendedCompleteness({ profile }: { profile: ExtendedProfile }) {
  const { t } = useTranslation();
  const total = profile.required.length;
  const done = total - profile.missing.length;
  const names = (keys: string[]) => keys.map((k) => t(`extProfile.section.${k}`)).join(t('teacher.listSeparator'));
  return (
    <Flex vertical gap={4} style={{ width: '100%', maxWidth: 420 }} data-testid="ext-completeness">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text strong>{t('extProfile.completeness')}</Typography.Text>
        {profile.complete ? (
          <Tag color="success" icon={<CheckCircleOutlined />} data-testid="ext-complete">
            {t('extProfile.complete')}
          </Tag>
        ) : (
          <Tag color="warning" icon={<ExclamationCircleOutlined />} data-testid="ext-complete">
            {t('extProfile.incomplete')}
          </Tag>
        )}
      </Flex>
      <Progress
        percent={total ? Math.round((done / total) * 100) : 100}
        status={profile.complete ? 'success' : 'normal'}
        format={() => `${done}/${total}`}
        size="small"
      />
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {profile.complete ? t('extProfile.requiredDone', { done, total }) : t('extProfile.missing', { sections: names(profile.missing) })}
      </Typography.Text>
    </Flex>
  );
}

/** One row of a list section: the main text, then the details in grey. */
function RowText({ main, details, testId }: { main: ReactNode; details: (string | null | undefined)[]; testId: string }) {
  const rest = details.filter(Boolean).join(' · ');
  return (
    <div data-testid={testId} style={{ minWidth: 0 }}>
      <Typography.Text strong style={{ wordBreak: 'break-word' }}>
        {main}
      </Typography.Text>
      {rest ? (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 13, wordBreak: 'break-word' }}>
            {rest}
          </Typography.Text>
        </div>
      ) : null}
    </div>
  );
}

/** What one section holds, read-only. */
function SectionContent({ section, sections }: { section: ProfileSection; sections: Sections }) {
  const { t } = useTranslation();
  const period = (from: string, to: string | null) => `${from} ~ ${to ?? t('extProfile.present')}`;
  const rows = (nodes: ReactNode[]) => (
    <Flex vertical gap={10}>
      {nodes}
    </Flex>
  );
  const id = (i: number) => `ext-${section}-${i}`;
  switch (section) {
    case 'education':
      return rows(
        (sections.education ?? []).map((r, i) => (
          <RowText
            key={id(i)}
            testId={id(i)}
            main={r.school}
            details={[period(r.from, r.to), r.major, t(`extProfile.degree.${r.degree}`), t(r.fullTime ? 'extProfile.fullTime' : 'extProfile.partTime')]}
          />
        )),
      );
    case 'work':
      return rows((sections.work ?? []).map((r, i) => <RowText key={id(i)} testId={id(i)} main={r.unit} details={[period(r.from, r.to), r.post]} />));
    case 'titles':
      return rows(
        (sections.titles ?? []).map((r, i) => (
          <RowText
            key={id(i)}
            testId={id(i)}
            main={t(`teacherTitle.${r.title}`)}
            details={[`${t('extProfile.obtainedOn')} ${r.obtainedOn}`, r.certificateNo ? `${t('extProfile.certificateNo')} ${r.certificateNo}` : null]}
          />
        )),
      );
    case 'skills':
      return rows(
        (sections.skills ?? []).map((r, i) => (
          <RowText key={id(i)} testId={id(i)} main={r.name} details={[r.level, r.obtainedOn ? `${t('extProfile.obtainedOn')} ${r.obtainedOn}` : null]} />
        )),
      );
    case 'exchange':
      return rows(
        (sections.exchange ?? []).map((r, i) => (
          <RowText key={id(i)} testId={id(i)} main={r.unit} details={[period(r.from, r.to), t(`extProfile.exchangeKind.${r.kind}`)]} />
        )),
      );
    case 'qualification': {
      const q = sections.qualification;
      if (!q) return null;
      return (
        <Descriptions
          size="small"
          column={1}
          data-testid={id(0)}
          items={[
            { key: 'type', label: t('extProfile.qualificationType.label'), children: t(`extProfile.qualificationType.${q.type}`) },
            { key: 'subject', label: t('extProfile.qualificationSubject'), children: q.subject },
            { key: 'certificateNo', label: t('extProfile.certificateNo'), children: q.certificateNo },
            { key: 'issuedOn', label: t('extProfile.issuedOn'), children: q.issuedOn },
            { key: 'issuer', label: t('extProfile.issuer'), children: q.issuer },
          ]}
        />
      );
    }
    case 'contact': {
      const c = sections.contact;
      if (!c) return null;
      const emergency = [c.emergencyName, c.emergencyPhone].filter(Boolean).join(' ');
      return (
        <Descriptions
          size="small"
          column={1}
          data-testid={id(0)}
          items={[
            { key: 'address', label: t('extProfile.address'), children: c.address },
            { key: 'postcode', label: t('extProfile.postcode'), children: c.postcode || '-' },
            { key: 'phone', label: t('extProfile.phone'), children: c.phone || '-' },
            { key: 'emergency', label: t('extProfile.emergencyName'), children: emergency || '-' },
          ]}
        />
      );
    }
  }
}

type Props = {
  profile: ExtendedProfile;
  /** The teacher's own page: each section gets 填写/编辑. Without it the card is read-only (school, bureaus). */
  onEdit?: (section: ProfileSection) => void;
  /** Shown under the completeness indicator (e.g. how the sections are filled in). */
  hint?: ReactNode;
  id?: string;
};

/**
 * TCH-9 档案信息: the completeness indicator, one card per section (必填 marks, 已填写/未填写, the
 * content) and the training history, which the platform fills from training records.
 */
export function ExtendedProfileCard({ profile, onEdit, hint, id }: Props) {
  const { t } = useTranslation();
  const required = new Set(profile.required);
  return (
    <Card
      id={id}
      title={t('extProfile.title')}
      extra={
        profile.updatedAt ? (
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
            {t('extProfile.updatedAt', { time: formatTime(profile.updatedAt) })}
          </Typography.Text>
        ) : null
      }
      data-testid="ext-profile"
    >
      <Flex vertical gap={12} style={{ marginBottom: 20 }}>
        <ExtendedCompleteness profile={profile} />
        {hint ? <Typography.Text type="secondary">{hint}</Typography.Text> : null}
      </Flex>
      <Row gutter={[16, 16]} align="stretch">
        {PROFILE_SECTION_KEYS.map((k) => {
          const filled = sectionFilled(profile, k);
          return (
            <Col key={k} xs={24} md={12} xl={8}>
              <Card
                size="small"
                style={{ height: '100%' }}
                styles={{ title: { whiteSpace: 'normal' } }}
                data-testid={`ext-section-${k}`}
                title={
                  <Flex gap={6} align="center" wrap>
                    <span>{t(`extProfile.section.${k}`)}</span>
                    {required.has(k) ? (
                      <Tag color="red" variant="outlined" style={TAG_STYLE}>
                        {t('extProfile.required')}
                      </Tag>
                    ) : null}
                    {filled ? (
                      <Tag color="success" style={TAG_STYLE} data-testid={`ext-status-${k}`}>
                        {t('extProfile.filled')}
                      </Tag>
                    ) : (
                      <Tag style={TAG_STYLE} data-testid={`ext-status-${k}`}>
                        {t('extProfile.notFilled')}
                      </Tag>
                    )}
                  </Flex>
                }
                extra={
                  onEdit ? (
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(k)} data-testid={`ext-edit-${k}`}>
                      {t(filled ? 'extProfile.edit' : 'extProfile.fill')}
                    </Button>
                  ) : null
                }
              >
                {filled ? (
                  <SectionContent section={k} sections={profile.sections} />
                ) : (
                  <Typography.Text type="secondary">{onEdit ? t(`extProfile.drawerHint.${k}`) : t('extProfile.nothing')}</Typography.Text>
                )}
              </Card>
            </Col>
          );
        })}
        <Col xs={24} md={12} xl={8}>
          <Card
            size="small"
            style={{ height: '100%' }}
            data-testid="ext-section-training"
            title={
              <Flex gap={6} align="center" wrap>
                <span>{t('extProfile.section.training')}</span>
                <Tag color="blue" style={TAG_STYLE}>
                  {t('extProfile.auto')}
                </Tag>
              </Flex>
            }
          >
            {profile.training.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('extProfile.trainingAuto')} style={{ margin: '8px 0' }} />
            ) : (
              <Flex vertical gap={10}>
                {profile.training.map((r, i) => (
                  <RowText
                    // biome-ignore lint/suspicious/noArrayIndexKey: read-only rows with no id of their own
                    key={i}
                    testId={`ext-training-${i}`}
                    main={r.name}
                    details={[String(r.year), t('extProfile.trainingHours', { hours: r.hours }), r.source]}
                  />
                ))}
                {/* Filled or not, the section says where it comes from. */}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('extProfile.trainingAuto')}
                </Typography.Text>
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
    </Card>
  );
}

/** A teacher's extended profile as the school and the bureaus above it read it (teacher detail page). */
export function TeacherExtendedProfile({ teacherId }: { teacherId: number }) {
  const { t } = useTranslation();
  const { data, error } = useQuery({ queryKey: teacherExtendedKey(teacherId), queryFn: () => extendedActions.ofTeacher(teacherId), meta: { quiet: true } });
  if (data) return <ExtendedProfileCard profile={data} />;
  return <Card title={t('extProfile.title')}>{error ? error.message : <Skeleton active />}</Card>;
}
