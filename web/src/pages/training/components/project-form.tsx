import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type CheckpointLevel, MAX_CLASSES_PER_PROJECT, type ProjectCategory } from '../../../../../common/training.js';
import { feedback } from '../../../api/client.js';
import { type Project, type ProjectInput, projectApi, TRAINING_KEYS } from '../../../api/training.js';
import { FormDrawer } from '../../../components/form-drawer.js';
import { requiredRule, selectRule } from '../../../components/rules.js';
import { useFormSubmit } from '../../../hooks/use-form-submit.js';
import { classTitle, postOptions, subjectOptions, teacherStageOptions } from '../../../labels.js';
import { categoryOptions, checkpointOptions, hourCategoryOptions, modeOptions } from './labels.js';
import { TargetRegionPicker } from './region-picker.js';

type ClassValues = { id?: number; startDate?: Dayjs; endDate?: Dayjs; place?: string; capacity?: number; checkpointLevel: CheckpointLevel | 'none' };
type Values = Omit<ProjectInput, 'classes' | 'feeFen'> & { feeYuan: number; classes: ClassValues[] };

const DATE = 'YYYY-MM-DD';

function toValues(p: Project): Values {
  return {
    name: p.name,
    category: p.category,
    targetRegions: p.targetRegions.map((r) => r.code),
    stages: p.stages,
    subjects: p.subjects,
    posts: p.posts,
    hours: p.hours,
    hourCategory: p.hourCategory,
    mode: p.mode,
    feeYuan: p.feeFen / 100,
    description: p.description,
    minClassSize: p.minClassSize,
    classes: p.classes.map((c) => ({
      id: c.id,
      startDate: dayjs(c.startDate),
      endDate: dayjs(c.endDate),
      place: c.place,
      capacity: c.plannedCapacity,
      checkpointLevel: c.checkpointLevel ?? 'none',
    })),
  };
}

function toInput(v: Values): ProjectInput {
  return {
    name: v.name,
    category: v.category,
    targetRegions: v.targetRegions,
    stages: v.stages ?? [],
    subjects: v.subjects ?? [],
    posts: v.posts ?? [],
    hours: v.hours,
    hourCategory: v.hourCategory,
    mode: v.mode,
    feeFen: Math.round((v.feeYuan ?? 0) * 100),
    description: v.description ?? '',
    minClassSize: v.minClassSize ?? null,
    classes: v.classes.map((c) => ({
      ...(c.id ? { id: c.id } : {}),
      startDate: (c.startDate as Dayjs).format(DATE),
      endDate: (c.endDate as Dayjs).format(DATE),
      place: c.place ?? '',
      capacity: c.capacity ?? 0,
      checkpointLevel: c.checkpointLevel === 'none' ? null : c.checkpointLevel,
    })),
  };
}

const EMPTY_CLASS: ClassValues = { checkpointLevel: 'none' };

type Props = {
  open: boolean;
  /** Editing a draft or a returned project; otherwise a new declaration. */
  project?: Project;
  onClose: () => void;
};

/**
 * PRJ-2 项目申报: the project and its 1–4 classes. A new project is saved as a draft and opens its
 * page, where the training plan is uploaded and the project submitted for review.
 */
export function ProjectFormDrawer({ open, project, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const category: ProjectCategory | undefined = Form.useWatch('category', form);
  const label = (k: string) => t(`project.${k}`);

  // Filled once when the drawer opens: a refetched project must not wipe what is being typed.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open && !wasOpen.current) {
      form.resetFields();
      if (project) form.setFieldsValue(toValues(project));
    }
    wasOpen.current = open;
  }, [open, project, form]);

  const { saving, submit } = useFormSubmit(form, async (v: Values) => {
    const body = toInput(v);
    if (project) {
      const saved = await projectApi.update(project.id, body);
      queryClient.setQueryData(TRAINING_KEYS.project(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: TRAINING_KEYS.projects });
      feedback.message.success(t('common.saved'));
      onClose();
      return;
    }
    const created = await projectApi.create(body);
    queryClient.setQueryData(TRAINING_KEYS.project(created.id), created);
    void queryClient.invalidateQueries({ queryKey: TRAINING_KEYS.projects });
    feedback.message.success(t('project.createdDraft'));
    onClose();
    navigate(`/projects/${created.id}`);
  });

  const dateRule = (name: number) => ({
    validator: (_: unknown, end: Dayjs | undefined) => {
      const start: Dayjs | undefined = form.getFieldValue(['classes', name, 'startDate']);
      return !start || !end?.isBefore(start, 'day') ? Promise.resolve() : Promise.reject(new Error(label('endBeforeStart')));
    },
  });

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={project ? t('project.editTitle', { name: project.name }) : t('project.createTitle')}
      width={760}
      saving={saving}
      onSave={() => form.submit()}
      saveTestId="project-form-submit"
      saveText={project ? t('common.save') : t('project.saveDraft')}
    >
      {project?.state === 'rejected' ? <Alert type="warning" showIcon title={label('editRejectedHint')} style={{ marginBottom: 16 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        scrollToFirstError
        initialValues={{
          stages: [],
          subjects: [],
          posts: [],
          hourCategory: 'professional',
          mode: 'face',
          category: 'self_selected',
          feeYuan: 0,
          description: '',
          minClassSize: null,
          classes: [EMPTY_CLASS],
        }}
      >
        <Form.Item name="name" label={label('name')} rules={[requiredRule(t, label('name'))]}>
          <Input maxLength={80} showCount data-testid="project-name" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="category" label={label('category')} rules={[selectRule(t, label('category'))]}>
              <Select options={categoryOptions(t)} data-testid="project-category" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="mode" label={label('mode')} rules={[selectRule(t, label('mode'))]}>
              <Radio.Group options={modeOptions(t)} optionType="button" data-testid="project-mode" />
            </Form.Item>
          </Col>
        </Row>
        {category === 'directive' ? <Alert type="info" showIcon title={label('directiveHint')} style={{ marginBottom: 16 }} /> : null}
        <Form.Item
          name="targetRegions"
          label={label('targetRegions')}
          extra={label('targetRegionsHelp')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common.select', { label: label('targetRegions') }) }]}
        >
          <TargetRegionPicker testId="project-regions" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="stages" label={label('stages')} extra={label('emptyMeansAll')}>
              <Select mode="multiple" allowClear options={teacherStageOptions(t)} placeholder={t('training.allOf')} data-testid="project-stages" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="subjects" label={label('subjects')} extra={label('emptyMeansAll')}>
              <Select
                mode="multiple"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={subjectOptions(t)}
                placeholder={t('training.allOf')}
                data-testid="project-subjects"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="posts" label={label('posts')} extra={label('emptyMeansAll')}>
          <Select mode="multiple" allowClear options={postOptions(t)} placeholder={t('training.allOf')} data-testid="project-posts" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12} sm={6}>
            <Form.Item
              name="hours"
              label={label('hours')}
              rules={[
                { required: true, message: t('common.required', { label: label('hours') }) },
                {
                  validator: (_, v: number | null) =>
                    v === null || v === undefined || Number.isInteger(v * 2) ? Promise.resolve() : Promise.reject(new Error(label('hoursStep'))),
                },
              ]}
            >
              <InputNumber min={0.5} max={200} step={0.5} style={{ width: '100%' }} data-testid="project-hours" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="hourCategory" label={label('hourCategory')}>
              <Select options={hourCategoryOptions(t)} data-testid="project-hour-category" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="feeYuan" label={label('feeYuan')} extra={label('feeHelp')}>
              <InputNumber min={0} max={100000} step={10} precision={2} style={{ width: '100%' }} suffix={label('yuan')} data-testid="project-fee" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="minClassSize" label={label('minClassSize')} extra={label('minClassSizeHelp')}>
              <InputNumber min={1} max={2000} precision={0} style={{ width: '100%' }} data-testid="project-min-size" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={label('description')}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="project-description" />
        </Form.Item>

        <Typography.Title level={5} style={{ marginTop: 8 }}>
          {label('classes')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('project.classesHelp', { max: MAX_CLASSES_PER_PROJECT })}</Typography.Paragraph>
        <Form.List name="classes">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }, i) => (
                <Card
                  key={key}
                  size="small"
                  title={classTitle(t, i + 1)}
                  style={{ marginBottom: 12 }}
                  extra={
                    fields.length > 1 ? (
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(name)} data-testid={`project-class-remove-${i}`}>
                        {label('removeClass')}
                      </Button>
                    ) : null
                  }
                >
                  <Form.Item name={[name, 'id']} hidden>
                    <InputNumber />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col xs={12} sm={6}>
                      <Form.Item name={[name, 'startDate']} label={label('startDate')} rules={[selectRule(t, label('startDate'))]}>
                        <DatePicker style={{ width: '100%' }} data-testid={`project-class-start-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6}>
                      <Form.Item
                        name={[name, 'endDate']}
                        label={label('endDate')}
                        dependencies={[['classes', name, 'startDate']]}
                        rules={[selectRule(t, label('endDate')), dateRule(name)]}
                      >
                        <DatePicker style={{ width: '100%' }} data-testid={`project-class-end-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6}>
                      <Form.Item
                        name={[name, 'capacity']}
                        label={label('capacity')}
                        rules={[{ required: true, message: t('common.required', { label: label('capacity') }) }]}
                      >
                        <InputNumber min={1} max={2000} precision={0} style={{ width: '100%' }} data-testid={`project-class-capacity-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6}>
                      <Form.Item name={[name, 'checkpointLevel']} label={label('checkpoint')} tooltip={label('checkpointHelp')}>
                        <Select options={checkpointOptions(t)} data-testid={`project-class-checkpoint-${i}`} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name={[name, 'place']} label={label('place')} rules={[requiredRule(t, label('place'))]} style={{ marginBottom: 0 }}>
                    <Input maxLength={100} data-testid={`project-class-place-${i}`} />
                  </Form.Item>
                </Card>
              ))}
              {fields.length < MAX_CLASSES_PER_PROJECT ? (
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ ...EMPTY_CLASS })} data-testid="project-class-add">
                  {label('addClass')}
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}
