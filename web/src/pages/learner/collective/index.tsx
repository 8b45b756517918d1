import { Alert, Button, Card, Descriptions, Flex, Segmented, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { Teacher } from '../../../../../common/schemas/teachers.js';
import { showError } from '../../../api/client.js';
import { type CatalogueItem, type CollectiveResult, enrolmentActions } from '../../../api/enrolment.js';
import { PageContainer } from '../../../components/page-container.js';
import { useCurrentYear } from '../../../hooks/use-current-year.js';
import { dateRange, feeLabel, hoursText } from '../../../labels.js';
import { YearBanner } from '../components/year-banner.js';
import { useEnrolmentsRefresh } from '../enrolment-review/components/review-actions.js';
import { CollectiveResults } from './components/collective-results.js';
import { ClassSelect, ClassTable, type PickedClass, type PickedTeacher, TeacherSelect, TeacherTable } from './components/pickers.js';

/** The server takes at most this many classes for one teacher (and 500 teachers for one class). */
const MAX_CLASSES = 20;
const MAX_TEACHERS = 500;

type Outcome = { result: CollectiveResult; teachers: Map<number, PickedTeacher>; classes: Map<number, PickedClass> };

function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 20 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {`${n}. ${title}`}
      </Typography.Title>
      {children}
    </div>
  );
}

/**
 * ENR-8 集体选课 (school): 按课程 — one class, many teachers of my school; 按教师 — one teacher, many
 * classes. The school's enrolment counts as its review; every other rule applies, and the result
 * names each pair that was refused and why.
 */
export default function CollectivePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const mode = params.get('mode') === 'teacher' ? 'teacher' : 'class';
  const year = useCurrentYear();
  const refresh = useEnrolmentsRefresh();
  const [cls, setCls] = useState<CatalogueItem | null>(null);
  const [teachers, setTeachers] = useState<Teacher[]>([]);
  const [teacher, setTeacher] = useState<PickedTeacher | null>(null);
  const [classes, setClasses] = useState<CatalogueItem[]>([]);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const switchMode = (next: string) => {
    setOutcome(null);
    setParams(next === 'teacher' ? { mode: 'teacher' } : {});
  };

  const submit = async () => {
    setSaving(true);
    try {
      if (mode === 'class' && cls) {
        const result = await enrolmentActions.collective({ classId: cls.classId, teacherIds: teachers.map((x) => x.id) });
        setOutcome({ result, teachers: new Map(teachers.map((x) => [x.id, x])), classes: new Map([[cls.classId, cls]]) });
        setTeachers(teachers.filter((x) => !result.results.some((r) => r.ok && r.teacherId === x.id)));
      } else if (mode === 'teacher' && teacher) {
        const result = await enrolmentActions.collective({ teacherId: teacher.id, classIds: classes.map((c) => c.classId) });
        setOutcome({ result, teachers: new Map([[teacher.id, teacher]]), classes: new Map(classes.map((c) => [c.classId, c])) });
        setClasses(classes.filter((c) => !result.results.some((r) => r.ok && r.classId === c.classId)));
      }
      refresh();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  const ready = mode === 'class' ? !!cls && teachers.length > 0 : !!teacher && classes.length > 0;
  const submitText =
    mode === 'class'
      ? t('collective.submitByClass', { count: teachers.length })
      : t('collective.submitByTeacher', { name: teacher?.name ?? '', count: classes.length });

  return (
    <PageContainer title={t('menu.collective')}>
      {year.data ? <YearBanner year={year.data} /> : null}
      <Alert type="info" showIcon title={t('collective.hint')} style={{ marginBottom: 16 }} />
      <Card>
        <Segmented
          value={mode}
          onChange={(v) => switchMode(String(v))}
          options={[
            { value: 'class', label: t('collective.byClass') },
            { value: 'teacher', label: t('collective.byTeacher') },
          ]}
          style={{ marginBottom: 20 }}
          data-testid="collective-mode"
        />
        {mode === 'class' ? (
          <>
            <Step n={1} title={t('collective.pickClass')}>
              <ClassSelect value={cls} onChange={setCls} />
              {cls ? (
                <Descriptions
                  size="small"
                  column={{ xs: 1, md: 2, xl: 3 }}
                  style={{ marginTop: 12, maxWidth: 960 }}
                  items={[
                    { key: 'institution', label: t('enrol.institution'), children: cls.institutionName },
                    { key: 'dates', label: t('enrol.dates'), children: dateRange(cls.startDate, cls.endDate) },
                    { key: 'place', label: t('enrol.place'), children: cls.place },
                    { key: 'hours', label: t('enrol.hours'), children: hoursText(cls.hours) },
                    { key: 'fee', label: t('enrol.fee'), children: feeLabel(t, cls.feeFen) },
                    { key: 'places', label: t('catalogue.placesTitle'), children: t('catalogue.places', { taken: cls.taken, capacity: cls.capacity }) },
                  ]}
                />
              ) : null}
            </Step>
            <Step n={2} title={t('collective.pickTeachers', { count: teachers.length })}>
              <TeacherTable selected={teachers} onChange={(rows) => setTeachers(rows.slice(0, MAX_TEACHERS))} />
            </Step>
          </>
        ) : (
          <>
            <Step n={1} title={t('collective.pickTeacher')}>
              <TeacherSelect value={teacher} onChange={setTeacher} />
            </Step>
            <Step n={2} title={t('collective.pickClasses', { count: classes.length, max: MAX_CLASSES })}>
              <ClassTable selected={classes} onChange={setClasses} max={MAX_CLASSES} />
            </Step>
          </>
        )}
        <Flex gap={12} align="center" wrap>
          <Button type="primary" size="large" disabled={!ready} loading={saving} onClick={submit} data-testid="collective-submit">
            {ready ? submitText : t('collective.submit')}
          </Button>
          {!ready ? <Typography.Text type="secondary">{t(mode === 'class' ? 'collective.needByClass' : 'collective.needByTeacher')}</Typography.Text> : null}
        </Flex>
        {outcome ? <CollectiveResults result={outcome.result} teachers={outcome.teachers} classes={outcome.classes} /> : null}
      </Card>
    </PageContainer>
  );
}
