import { DeleteOutlined, EditOutlined, PlusOutlined, VideoCameraOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Card, Checkbox, DatePicker, Empty, Flex, Form, Grid, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { MIN_LESSONS } from '../../../../../../common/courses.js';
import { feedback, showError } from '../../../../api/client.js';
import { type Chapter, type Course, courseApi, type Lesson, lessonApi } from '../../../../api/courses.js';
import { requiredRule, selectRule } from '../../../../components/rules.js';
import { useFormSubmit } from '../../../../hooks/use-form-submit.js';
import { LessonStateTag, VideoStateTag } from '../../components/labels.js';
import { useCourseUpdates } from '../../components/use-course.js';

const DATE = 'YYYY-MM-DD';

/** 添加章节 / 修改章节名称. */
function ChapterModal({ course, chapter, onClose }: { course: Course; chapter?: Chapter; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ title: string }>();
  const updates = useCourseUpdates();
  const label = t('course.structure.chapterTitle');
  const { saving, submit } = useFormSubmit(form, async (v: { title: string }) => {
    updates.course(chapter ? await courseApi.renameChapter(chapter.id, v.title) : await courseApi.addChapter(course.id, v.title));
    feedback.message.success(t('common.saved'));
    onClose();
  });
  return (
    <Modal
      open
      title={chapter ? t('course.structure.renameChapter') : t('course.structure.addChapter')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'chapter-save' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ title: chapter?.title }} requiredMark={false}>
        <Form.Item name="title" label={label} rules={[requiredRule(t, label)]}>
          <Input maxLength={60} showCount placeholder={t('course.structure.chapterPlaceholder')} data-testid="chapter-title" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type LessonValues = { chapterId: number; title: string; lessonDate: Dayjs; trial: boolean };

/** 添加课时 / 编辑课时: name, date (students watch from it), 试看 (anyone may watch without enrolling). */
function LessonModal({ course, lesson, chapterId, onClose }: { course: Course; lesson?: Lesson; chapterId?: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LessonValues>();
  const updates = useCourseUpdates();
  const label = (k: string) => t(`course.lesson.${k}`);
  const { saving, submit } = useFormSubmit(form, async (v: LessonValues) => {
    const body = { chapterId: v.chapterId, title: v.title, lessonDate: v.lessonDate.format(DATE), trial: v.trial };
    updates.lesson(lesson ? await lessonApi.update(lesson.id, body) : await lessonApi.add(course.id, body));
    feedback.message.success(t('common.saved'));
    onClose();
  });
  return (
    <Modal
      open
      title={lesson ? t('course.structure.editLesson') : t('course.structure.addLesson')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'lesson-save' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={
          lesson
            ? { chapterId: lesson.chapterId, title: lesson.title, lessonDate: dayjs(lesson.lessonDate), trial: lesson.trial }
            : { chapterId: chapterId ?? course.chapters.at(-1)?.id, trial: false }
        }
      >
        <Form.Item name="chapterId" label={label('chapter')} rules={[selectRule(t, label('chapter'))]}>
          <Select options={course.chapters.map((c) => ({ value: c.id, label: c.title }))} data-testid="lesson-chapter" />
        </Form.Item>
        <Form.Item name="title" label={label('title')} rules={[requiredRule(t, label('title'))]}>
          <Input maxLength={60} showCount placeholder={label('titlePlaceholder')} data-testid="lesson-title" />
        </Form.Item>
        <Form.Item name="lessonDate" label={label('date')} extra={label('dateHint')} rules={[selectRule(t, label('date'))]}>
          <DatePicker style={{ width: '100%' }} data-testid="lesson-date" />
        </Form.Item>
        <Form.Item name="trial" valuePropName="checked" extra={label('trialHint')}>
          <Checkbox data-testid="lesson-trial">{label('trial')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Editing = { kind: 'chapter'; chapter?: Chapter } | { kind: 'lesson'; lesson?: Lesson; chapterId?: number } | null;

/**
 * 课程安排 (CRS-3, 000 §5.2): chapters 章节 and their lessons 课时 (name, date, 试看), once the
 * declaration is approved. A lesson is edited while 待提交 or 已退回; its video and documents are
 * on 授课内容. 发布课程 needs at least 12 published lessons.
 */
export function StructureTab({ course }: { course: Course }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const updates = useCourseUpdates();
  const [editing, setEditing] = useState<Editing>(null);
  const buildable = course.can.edit && (course.state === 'approved' || course.state === 'published');
  const lessonCount = course.chapters.reduce((n, c) => n + c.lessons.length, 0);
  const isPhone = Grid.useBreakpoint().md === false;
  const addChapter = (
    <Button icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'chapter' })} data-testid="chapter-add">
      {t('course.structure.addChapter')}
    </Button>
  );

  const removeChapter = async (chapter: Chapter) => {
    try {
      updates.course(await courseApi.deleteChapter(chapter.id));
      message.success(t('course.structure.chapterDeleted'));
    } catch (err) {
      showError(err);
    }
  };
  const removeLesson = async (lesson: Lesson) => {
    try {
      await lessonApi.remove(lesson.id);
      updates.lessonRemoved(course.id, lesson.id);
      message.success(t('course.structure.lessonDeleted'));
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<Lesson> = [
    { title: '#', dataIndex: 'position', width: 48 },
    {
      title: t('course.lesson.title'),
      dataIndex: 'title',
      render: (title: string, l) => (
        <Flex gap={6} align="center" wrap style={{ minWidth: 140 }}>
          <span>{title}</span>
          {l.trial ? (
            <Tag color="cyan" style={{ marginInlineEnd: 0 }}>
              {t('course.lesson.trial')}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    { title: t('course.lesson.date'), dataIndex: 'lessonDate', width: 120, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
    {
      title: t('course.stateLabel'),
      dataIndex: 'state',
      width: 100,
      render: (v: Lesson['state'], l) => <LessonStateTag state={v} testId={`lesson-state-${l.id}`} />,
    },
    {
      title: t('course.video.label'),
      key: 'video',
      width: 120,
      responsive: ['md'],
      render: (_, l) => (l.video ? <VideoStateTag video={l.video} /> : <Typography.Text type="secondary">{t('course.video.none')}</Typography.Text>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, l) => (
        <Flex gap={0} wrap>
          <Link to={`?tab=content&lesson=${l.id}`}>
            <Button type="link" size="small" icon={<VideoCameraOutlined />} data-testid={`lesson-content-${l.id}`}>
              {t('course.structure.content')}
            </Button>
          </Link>
          {l.can.edit ? (
            <>
              <Button type="link" size="small" onClick={() => setEditing({ kind: 'lesson', lesson: l })} data-testid={`lesson-edit-${l.id}`}>
                {t('common.edit')}
              </Button>
              <Popconfirm
                title={t('course.structure.deleteLessonConfirm', { name: l.title })}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => removeLesson(l)}
              >
                <Button type="link" size="small" danger data-testid={`lesson-delete-${l.id}`}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      {buildable ? (
        <>
          <Alert type="info" showIcon title={t('course.structure.hint', { min: MIN_LESSONS, count: lessonCount })} action={isPhone ? undefined : addChapter} />
          {isPhone ? <Flex justify="flex-end">{addChapter}</Flex> : null}
        </>
      ) : (
        <Alert type="warning" showIcon title={t(course.state === 'completed' ? 'course.workspace.readOnly' : 'course.structure.notYet')} />
      )}
      {course.chapters.length === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('course.structure.noChapters')} />
        </Card>
      ) : null}
      {course.chapters.map((ch) => (
        <Card
          key={ch.id}
          size="small"
          data-testid={`chapter-${ch.id}`}
          title={<span style={{ whiteSpace: 'normal' }}>{ch.title}</span>}
          extra={
            buildable ? (
              <Flex gap={0} wrap justify="flex-end">
                <Button
                  type="link"
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setEditing({ kind: 'lesson', chapterId: ch.id })}
                  data-testid={`lesson-add-${ch.id}`}
                >
                  {t('course.structure.addLesson')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditing({ kind: 'chapter', chapter: ch })}
                  aria-label={t('course.structure.renameChapter')}
                />
                <Popconfirm
                  title={t('course.structure.deleteChapterConfirm', { name: ch.title })}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => removeChapter(ch)}
                >
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              </Flex>
            ) : null
          }
        >
          <Table<Lesson>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={ch.lessons}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('course.structure.noLessons') }}
          />
        </Card>
      ))}
      {editing?.kind === 'chapter' ? <ChapterModal course={course} chapter={editing.chapter} onClose={() => setEditing(null)} /> : null}
      {editing?.kind === 'lesson' ? (
        <LessonModal course={course} lesson={editing.lesson} chapterId={editing.chapterId} onClose={() => setEditing(null)} />
      ) : null}
    </Flex>
  );
}
