import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Form, Input, type InputProps, Radio, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { DEGREES, EXCHANGE_KINDS, QUALIFICATION_TYPES } from '../../../../../../common/schemas/teacher-profile.js';
import type { Title } from '../../../../../../common/teachers.js';
import { feedback } from '../../../../api/client.js';
import { type ExtendedProfile, extendedActions, MY_EXTENDED_KEY, type ProfileSection, type ProfileSections } from '../../../../api/extended.js';
import { FormDrawer } from '../../../../components/form-drawer.js';
import { requiredRule, selectRule } from '../../../../components/rules.js';
import { useFormSubmit } from '../../../../hooks/use-form-submit.js';
import { degreeOptions, exchangeKindOptions, qualificationTypeOptions, titleOptions } from '../../../../labels.js';

/** The list sections (Form.List rows) and how many rows each takes (common/schemas/teacher-profile.ts). */
const MAX_ROWS = { education: 10, work: 20, titles: 10, skills: 20, exchange: 10 } as const;
type ListSection = keyof typeof MAX_ROWS;

type Period = { from?: Dayjs | null; to?: Dayjs | null };
/** The form holds each section under its own name, so server errors (`education.0.school`) land on the field. */
type Values = {
  education?: (Period & { school?: string; major?: string; degree?: (typeof DEGREES)[number]; fullTime?: boolean })[];
  work?: (Period & { unit?: string; post?: string })[];
  titles?: { title?: Title; obtainedOn?: Dayjs | null; certificateNo?: string }[];
  qualification?: { type?: (typeof QUALIFICATION_TYPES)[number]; subject?: string; certificateNo?: string; issuedOn?: Dayjs | null; issuer?: string };
  skills?: { name?: string; level?: string; obtainedOn?: Dayjs | null }[];
  exchange?: (Period & { unit?: string; kind?: (typeof EXCHANGE_KINDS)[number] })[];
  contact?: { address?: string; postcode?: string; phone?: string; emergencyName?: string; emergencyPhone?: string };
};

const MONTH = 'YYYY-MM';
const DAY = 'YYYY-MM-DD';
const toDay = (v: string | null | undefined) => (v ? dayjs(v) : undefined);
const month = (d: Dayjs | null | undefined) => (d ? d.format(MONTH) : '');
const text = (s: string | undefined) => s?.trim() ?? '';
const optional = (s: string | undefined) => s?.trim() || undefined;

/** What a new row starts with. */
const NEW_ROW = { education: { fullTime: true }, work: {}, titles: {}, skills: {}, exchange: {} } as const;

/** The saved section as form values (months and days become Dayjs); an empty list starts with one new row. */
function toValues(section: ProfileSection, s: ProfileSections): Values {
  const rows = <T, U extends object>(list: T[] | undefined, map: (r: T) => U, empty: NoInfer<Partial<U>>): Partial<U>[] =>
    list && list.length > 0 ? list.map(map) : [empty];
  const period = <T extends { from: string; to: string | null }>(r: T) => ({ ...r, from: toDay(r.from), to: toDay(r.to) });
  switch (section) {
    case 'education':
      return { education: rows(s.education, period, NEW_ROW.education) };
    case 'work':
      return { work: rows(s.work, period, NEW_ROW.work) };
    case 'titles':
      return { titles: rows(s.titles, (r) => ({ ...r, obtainedOn: toDay(r.obtainedOn) }), NEW_ROW.titles) };
    case 'skills':
      return { skills: rows(s.skills, (r) => ({ ...r, obtainedOn: toDay(r.obtainedOn) }), NEW_ROW.skills) };
    case 'exchange':
      return { exchange: rows(s.exchange, period, NEW_ROW.exchange) };
    case 'qualification':
      return { qualification: s.qualification ? { ...s.qualification, issuedOn: toDay(s.qualification.issuedOn) } : {} };
    case 'contact':
      return { contact: s.contact ?? {} };
  }
}

/** The form values as the section the server takes (empty optional fields left out; the server re-checks all). */
function toSection(section: ProfileSection, v: Values): NonNullable<ProfileSections[ProfileSection]> {
  const to = (d: Dayjs | null | undefined) => (d ? d.format(MONTH) : null);
  switch (section) {
    case 'education':
      return (v.education ?? []).map((r) => ({
        from: month(r.from),
        to: to(r.to),
        school: text(r.school),
        major: text(r.major),
        degree: r.degree as (typeof DEGREES)[number],
        fullTime: r.fullTime ?? true,
      }));
    case 'work':
      return (v.work ?? []).map((r) => ({ from: month(r.from), to: to(r.to), unit: text(r.unit), post: text(r.post) }));
    case 'titles':
      return (v.titles ?? []).map((r) => ({ title: r.title as Title, obtainedOn: month(r.obtainedOn), certificateNo: optional(r.certificateNo) }));
    case 'skills':
      return (v.skills ?? []).map((r) => ({ name: text(r.name), level: optional(r.level), obtainedOn: r.obtainedOn ? month(r.obtainedOn) : undefined }));
    case 'exchange':
      return (v.exchange ?? []).map((r) => ({ from: month(r.from), to: to(r.to), unit: text(r.unit), kind: r.kind as (typeof EXCHANGE_KINDS)[number] }));
    case 'qualification': {
      const q = v.qualification ?? {};
      return {
        type: q.type as (typeof QUALIFICATION_TYPES)[number],
        subject: text(q.subject),
        certificateNo: text(q.certificateNo),
        issuedOn: q.issuedOn ? q.issuedOn.format(DAY) : '',
        issuer: text(q.issuer),
      };
    }
    case 'contact': {
      const c = v.contact ?? {};
      return {
        address: text(c.address),
        postcode: optional(c.postcode),
        phone: optional(c.phone),
        emergencyName: optional(c.emergencyName),
        emergencyPhone: optional(c.emergencyPhone),
      };
    }
  }
}

const noFuture = (d: Dayjs) => d.isAfter(dayjs(), 'month');
const monthProps = { picker: 'month', format: MONTH, style: { width: '100%' }, disabledDate: noFuture } as const;

/** 起始年月 / 结束年月 of a row; an empty end means 至今, and it cannot come before the start. */
function PeriodFields({ section, name, index }: { section: ListSection; name: number; index: number }) {
  const { t } = useTranslation();
  const label = (k: string) => t(`extProfile.${k}`);
  return (
    <Row gutter={12}>
      <Col span={12}>
        <Form.Item name={[name, 'from']} label={label('from')} rules={[selectRule(t, label('from'))]}>
          <DatePicker {...monthProps} data-testid={`ext-${section}-from-${index}`} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name={[name, 'to']}
          label={label('to')}
          tooltip={label('toHint')}
          dependencies={[[section, name, 'from']]}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: Dayjs | null | undefined) => {
                const from = getFieldValue([section, name, 'from']) as Dayjs | null | undefined;
                return value && from && value.isBefore(from, 'month') ? Promise.reject(new Error(label('toBeforeFrom'))) : Promise.resolve();
              },
            }),
          ]}
        >
          <DatePicker {...monthProps} placeholder={label('present')} data-testid={`ext-${section}-to-${index}`} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** The fields of one row of a list section. */
function RowFields({ section, name, index }: { section: ListSection; name: number; index: number }) {
  const { t } = useTranslation();
  const label = (k: string) => t(`extProfile.${k}`);
  const id = (field: string) => `ext-${section}-${field}-${index}`;
  const input = (field: string, key: string, max: number, required = true, extra?: InputProps) => (
    <Form.Item name={[name, field]} label={label(key)} rules={required ? [requiredRule(t, label(key))] : []}>
      <Input maxLength={max} data-testid={id(field)} {...extra} />
    </Form.Item>
  );
  switch (section) {
    case 'education':
      return (
        <>
          <PeriodFields section={section} name={name} index={index} />
          {input('school', 'school', 60)}
          {input('major', 'major', 40)}
          <Form.Item name={[name, 'degree']} label={label('degree.label')} rules={[selectRule(t, label('degree.label'))]}>
            <Select options={degreeOptions(t)} data-testid={id('degree')} />
          </Form.Item>
          <Form.Item name={[name, 'fullTime']} label={label('studyMode')} rules={[selectRule(t, label('studyMode'))]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: true, label: label('fullTime') },
                { value: false, label: label('partTime') },
              ]}
              data-testid={id('full-time')}
            />
          </Form.Item>
        </>
      );
    case 'work':
      return (
        <>
          <PeriodFields section={section} name={name} index={index} />
          {input('unit', 'unit', 60)}
          {input('post', 'post', 30)}
        </>
      );
    case 'titles':
      return (
        <>
          <Form.Item name={[name, 'title']} label={label('titleName')} rules={[selectRule(t, label('titleName'))]}>
            <Select options={titleOptions(t)} data-testid={id('title')} />
          </Form.Item>
          <Form.Item name={[name, 'obtainedOn']} label={label('obtainedOn')} rules={[selectRule(t, label('obtainedOn'))]}>
            <DatePicker {...monthProps} data-testid={id('obtained-on')} />
          </Form.Item>
          {input('certificateNo', 'certificateNo', 40, false)}
        </>
      );
    case 'skills':
      return (
        <>
          {input('name', 'skillName', 40)}
          <Row gutter={12}>
            <Col span={12}>{input('level', 'skillLevel', 20, false)}</Col>
            <Col span={12}>
              <Form.Item name={[name, 'obtainedOn']} label={label('obtainedOn')}>
                <DatePicker {...monthProps} data-testid={id('obtained-on')} />
              </Form.Item>
            </Col>
          </Row>
        </>
      );
    case 'exchange':
      return (
        <>
          <PeriodFields section={section} name={name} index={index} />
          {input('unit', 'exchangeUnit', 60)}
          <Form.Item name={[name, 'kind']} label={label('exchangeKind.label')} rules={[selectRule(t, label('exchangeKind.label'))]}>
            <Select options={exchangeKindOptions(t)} data-testid={id('kind')} />
          </Form.Item>
        </>
      );
  }
}

/** A list section: one small card per row, 添加一条 below, and the list's own error (e.g. 至少一条). */
function ListFields({ section }: { section: ListSection }) {
  const { t } = useTranslation();
  const sectionName = t(`extProfile.section.${section}`);
  const max = MAX_ROWS[section];
  const min = section === 'education' ? 1 : 0;
  const rules =
    min > 0
      ? [
          {
            validator: async (_: unknown, rows: unknown[] | undefined) => {
              if (!rows || rows.length < min) throw new Error(t('extProfile.atLeastOne', { section: sectionName }));
            },
          },
        ]
      : [];
  return (
    <Form.List name={section} rules={rules}>
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={t('extProfile.row', { n: index + 1 })}
              extra={
                <Button
                  type="text"
                  danger
                  size="small"
                  icon={<DeleteOutlined />}
                  disabled={fields.length <= min}
                  onClick={() => remove(field.name)}
                  aria-label={t('extProfile.removeRow')}
                  title={t('extProfile.removeRow')}
                  data-testid={`ext-${section}-remove-${index}`}
                />
              }
              data-testid={`ext-${section}-row-${index}`}
            >
              <RowFields section={section} name={field.name} index={index} />
            </Card>
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            disabled={fields.length >= max}
            onClick={() => add(NEW_ROW[section])}
            data-testid={`ext-${section}-add`}
          >
            {fields.length >= max ? t('extProfile.maxRows', { max }) : t('extProfile.addRow')}
          </Button>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}

function QualificationFields() {
  const { t } = useTranslation();
  const label = (k: string) => t(`extProfile.${k}`);
  return (
    <>
      <Form.Item name={['qualification', 'type']} label={label('qualificationType.label')} rules={[selectRule(t, label('qualificationType.label'))]}>
        <Select options={qualificationTypeOptions(t)} data-testid="ext-qualification-type" />
      </Form.Item>
      <Form.Item name={['qualification', 'subject']} label={label('qualificationSubject')} rules={[requiredRule(t, label('qualificationSubject'))]}>
        <Input maxLength={20} data-testid="ext-qualification-subject" />
      </Form.Item>
      <Form.Item name={['qualification', 'certificateNo']} label={label('certificateNo')} rules={[requiredRule(t, label('certificateNo'))]}>
        <Input maxLength={40} autoComplete="off" data-testid="ext-qualification-certificate-no" />
      </Form.Item>
      <Form.Item name={['qualification', 'issuedOn']} label={label('issuedOn')} rules={[selectRule(t, label('issuedOn'))]}>
        <DatePicker format={DAY} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="ext-qualification-issued-on" />
      </Form.Item>
      <Form.Item name={['qualification', 'issuer']} label={label('issuer')} rules={[requiredRule(t, label('issuer'))]}>
        <Input maxLength={60} data-testid="ext-qualification-issuer" />
      </Form.Item>
    </>
  );
}

function ContactFields() {
  const { t } = useTranslation();
  const label = (k: string) => t(`extProfile.${k}`);
  const postcodeRule: Rule = { pattern: /^\d{6}$/, message: label('postcodeInvalid') };
  return (
    <>
      <Form.Item name={['contact', 'address']} label={label('address')} rules={[requiredRule(t, label('address'))]}>
        <Input.TextArea maxLength={100} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="ext-contact-address" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name={['contact', 'postcode']} label={label('postcode')} rules={[postcodeRule]}>
            <Input maxLength={6} inputMode="numeric" data-testid="ext-contact-postcode" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={['contact', 'phone']} label={label('phone')}>
            <Input maxLength={20} inputMode="tel" data-testid="ext-contact-phone" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={['contact', 'emergencyName']} label={label('emergencyName')}>
            <Input maxLength={20} data-testid="ext-contact-emergency-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={['contact', 'emergencyPhone']} label={label('emergencyPhone')}>
            <Input maxLength={20} inputMode="tel" data-testid="ext-contact-emergency-phone" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

function SectionFields({ section }: { section: ProfileSection }): ReactNode {
  if (section === 'qualification') return <QualificationFields />;
  if (section === 'contact') return <ContactFields />;
  return <ListFields section={section} />;
}

type Props = {
  profile: ExtendedProfile;
  /** The section being edited (kept while the drawer closes). */
  section: ProfileSection;
  open: boolean;
  onClose: () => void;
};

/** TCH-9: fills in or edits one section of the extended profile; saving answers the whole profile. */
export function ExtendedSectionDrawer({ profile, section, open, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const name = t(`extProfile.section.${section}`);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const { saving, submit } = useFormSubmit(form, async (v: Values) => {
    const saved = await extendedActions.save(section, toSection(section, v));
    queryClient.setQueryData(MY_EXTENDED_KEY, saved);
    feedback.message.success(t('extProfile.saved', { section: name }));
    onClose();
  });

  return (
    <FormDrawer open={open} onClose={onClose} title={name} width={560} saving={saving} onSave={() => form.submit()} saveTestId="ext-submit">
      <Alert type="info" showIcon title={t(`extProfile.drawerHint.${section}`)} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        initialValues={toValues(section, profile.sections)}
        onFinish={submit}
        scrollToFirstError
        data-testid={`ext-form-${section}`}
      >
        <SectionFields section={section} />
      </Form>
    </FormDrawer>
  );
}
