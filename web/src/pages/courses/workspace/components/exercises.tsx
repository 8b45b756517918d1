import { DeleteOutlined, EditOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, DatePicker, Empty, Flex, Form, Input, List, Popconfirm, Select, Tag, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, feedback, showError } from '../../../../api/client.js';
import type { Course, Lesson } from '../../../../api/courses.js';
import { type AttachmentInput, type Exercise, LEARNING_KEYS, learningApi } from '../../../../api/learning.js';
import { FormDrawer } from '../../../../components/form-drawer.js';
import { requiredRule, selectRule } from '../../../../components/rules.js';
import { useFormSubmit } from '../../../../hooks/use-form-submit.js';
import { formatTime } from '../../../../labels.js';
import { ExerciseAttachments } from '../../components/exercise-view.js';

/** An attachment as the form holds it: a stored file (new or kept) or a lesson document reused by id, with a name to show. */
type Attached = { key: string; name: string } | { documentId: number; name: string };

function AttachmentsField({
  lesson,
  course,
  value = [],
  onChange,
}: {
  lesson: Lesson;
  course: Course;
  value?: Attached[];
  onChange?: (v: Attached[]) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { data: reusable = [] } = useQuery({
    queryKey: [...LEARNING_KEYS.exercises(course.id), 'reusable-documents'],
    queryFn: () => learningApi.reusableDocuments(course.id),
  });
  const chosen = new Set(value.flatMap((a) => ('documentId' in a ? [a.documentId] : [])));
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      const stored = await learningApi.storeExerciseFile(lesson.id, file);
      onChange?.([...value, { key: stored.key, name: stored.name }]);
    } catch (err) {
      if (err instanceof ApiError && !err.handled) setError(err.message);
      else showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={8}>
      {value.map((a, i) => (
        <Flex
          key={'key' in a ? a.key : `d${a.documentId}`}
          gap={8}
          align="center"
          justify="space-between"
          style={{ padding: '4px 8px', background: '#fafafa', borderRadius: 6 }}
        >
          <Typography.Text style={{ minWidth: 0, wordBreak: 'break-all' }}>
            <PaperClipOutlined /> {a.name}
            {'documentId' in a ? (
              <Tag style={{ marginInlineStart: 6 }} color="blue">
                {t('course.exercises.reused')}
              </Tag>
            ) : null}
          </Typography.Text>
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            onClick={() => onChange?.(value.filter((_, j) => j !== i))}
            aria-label={t('common.delete')}
          />
        </Flex>
      ))}
      <Flex gap={8} wrap>
        <Upload
          showUploadList={false}
          accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.jpg,.jpeg,.png"
          disabled={busy}
          beforeUpload={(file) => {
            void upload(file);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} data-testid="exercise-attach-upload">
            {t('course.exercises.uploadAttachment')}
          </Button>
        </Upload>
        <Select
          style={{ minWidth: 220, flex: 1 }}
          placeholder={t('course.exercises.reuse')}
          value={null}
          options={reusable.filter((d) => !chosen.has(d.id)).map((d) => ({ value: d.id, label: `${d.lessonTitle} · ${d.fileName}` }))}
          onChange={(id: number) => {
            const d = reusable.find((x) => x.id === id);
            if (d) onChange?.([...value, { documentId: d.id, name: d.fileName }]);
          }}
          notFoundContent={t('course.exercises.noReusable')}
          data-testid="exercise-reuse"
        />
      </Flex>
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Flex>
  );
}

type Values = { title: string; deadline: Dayjs; content: string; allowLate: boolean; attachments: Attached[] };

/** 添加练习 / 编辑练习 (CRS-6): 主题, 截止日期, 内容, 附件 (new, or a document of an earlier lesson), 允许超时提交 (on by default). */
function ExerciseDrawer({
  course,
  lesson,
  exercise,
  open,
  onClose,
}: {
  course: Course;
  lesson: Lesson;
  exercise?: Exercise;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const label = (k: string) => t(`course.exercises.${k}`);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open && !wasOpen.current) {
      form.resetFields();
      if (exercise) {
        form.setFieldsValue({
          title: exercise.title,
          deadline: dayjs(exercise.deadline),
          content: exercise.content,
          allowLate: exercise.allowLate,
          attachments: exercise.attachments.map((a) => ({ key: a.key, name: a.name })),
        });
      }
    }
    wasOpen.current = open;
  }, [open, exercise, form]);
  const { saving, submit } = useFormSubmit(form, async (v: Values) => {
    const attachments: AttachmentInput[] = (v.attachments ?? []).map((a) => ('documentId' in a ? { documentId: a.documentId } : { key: a.key, name: a.name }));
    const body = { title: v.title, deadline: v.deadline.format(), content: v.content, allowLate: v.allowLate, attachments };
    if (exercise) await learningApi.updateExercise(exercise.id, body);
    else await learningApi.addExercise(lesson.id, body);
    void queryClient.invalidateQueries({ queryKey: LEARNING_KEYS.exercises(course.id) });
    feedback.message.success(t('common.saved'));
    onClose();
  });
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={exercise ? label('editTitle') : t('course.exercises.addTitle', { lesson: lesson.title })}
      width={640}
      saving={saving}
      onSave={() => form.submit()}
      saveTestId="exercise-save"
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ allowLate: true, attachments: [] }}>
        <Form.Item name="title" label={label('name')} rules={[requiredRule(t, label('name'))]}>
          <Input maxLength={60} showCount data-testid="exercise-title" />
        </Form.Item>
        <Form.Item name="deadline" label={label('deadline')} rules={[selectRule(t, label('deadline'))]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="exercise-deadline" />
        </Form.Item>
        <Form.Item name="content" label={label('content')} rules={[requiredRule(t, label('content'))]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} maxLength={5000} showCount data-testid="exercise-content" />
        </Form.Item>
        <Form.Item name="attachments" label={label('attachments')}>
          <AttachmentsField lesson={lesson} course={course} />
        </Form.Item>
        <Form.Item name="allowLate" valuePropName="checked" extra={label('allowLateHint')}>
          <Checkbox data-testid="exercise-allow-late">{label('allowLate')}</Checkbox>
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

/** 练习 of one lesson, for its instructor: add, edit, delete (while nobody has submitted), with submission counts. */
export function LessonExercises({ course, lesson }: { course: Course; lesson: Lesson }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ exercise?: Exercise } | null>(null);
  const { data = [], isPending } = useQuery({
    queryKey: LEARNING_KEYS.exercises(course.id, lesson.id),
    queryFn: () => learningApi.exercises(course.id, lesson.id),
  });
  const canAdd = course.can.edit;
  const remove = async (e: Exercise) => {
    try {
      await learningApi.deleteExercise(e.id);
      void queryClient.invalidateQueries({ queryKey: LEARNING_KEYS.exercises(course.id) });
    } catch (err) {
      showError(err);
    }
  };
  return (
    <div data-testid="lesson-exercises">
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('course.exercises.title')}</Typography.Text>
        {canAdd ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="exercise-add">
            {t('course.exercises.add')}
          </Button>
        ) : null}
      </Flex>
      {!isPending && data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('course.exercises.none')} />
      ) : (
        <List
          size="small"
          loading={isPending}
          dataSource={data}
          renderItem={(e) => (
            <List.Item
              key={e.id}
              style={{ paddingInline: 0 }}
              actions={[
                ...(e.can.edit
                  ? [
                      <Button
                        key="edit"
                        type="link"
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing({ exercise: e })}
                        aria-label={t('common.edit')}
                      />,
                    ]
                  : []),
                ...(e.can.delete
                  ? [
                      <Popconfirm
                        key="delete"
                        title={t('course.exercises.deleteConfirm', { name: e.title })}
                        okText={t('common.delete')}
                        cancelText={t('common.cancel')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove(e)}
                      >
                        <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              <Flex vertical gap={4} style={{ minWidth: 0 }}>
                <Flex gap={6} align="center" wrap>
                  <Typography.Text strong>{e.title}</Typography.Text>
                  {e.overdue ? <Tag color="default">{t('course.exercises.closed')}</Tag> : null}
                  {e.allowLate ? null : <Tag color="orange">{t('course.exercises.noLate')}</Tag>}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('course.exercises.deadlineAt', { time: formatTime(e.deadline) })}
                  {e.stats ? ` · ${t('course.exercises.stats', { students: e.stats.students, ungraded: e.stats.ungraded })}` : ''}
                </Typography.Text>
                <ExerciseAttachments exercise={e} />
              </Flex>
            </List.Item>
          )}
        />
      )}
      {editing ? <ExerciseDrawer course={course} lesson={lesson} exercise={editing.exercise} open onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
