import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Card, Empty, Flex, Form, InputNumber, Modal, Table, TreeSelect } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Project, projectApi, TRAINING_KEYS } from '../../../../api/training.js';
import { useFormSubmit } from '../../../../hooks/use-form-submit.js';
import { authorisedTree } from '../../components/region-picker.js';

type Quota = Project['quotas'][number];
type Values = { quotas: { regionCode?: string; places?: number }[] };

/**
 * PRJ-6 名额分配 of a provincial project: places per city or county and how many are taken. The
 * province sets them; everyone who sees the project reads them.
 */
export function QuotasCard({ project, canEdit }: { project: Project; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const columns: TableColumnsType<Quota> = [
    { title: t('project.quotaRegion'), dataIndex: 'regionName' },
    { title: t('project.quotaPlaces'), dataIndex: 'places', align: 'right' },
    { title: t('project.quotaUsed'), dataIndex: 'used', align: 'right' },
  ];
  const total = project.quotas.reduce((s, q) => s + q.places, 0);
  const capacity = project.classes.filter((c) => !c.cancelled).reduce((s, c) => s + c.capacity, 0);
  return (
    <Card
      title={t('project.quotas')}
      size="small"
      data-testid="project-quotas"
      extra={
        canEdit ? (
          <Button size="small" type="primary" onClick={() => setEditing(true)} data-testid="project-quotas-edit">
            {t('project.setQuotas')}
          </Button>
        ) : null
      }
    >
      {project.quotas.length ? (
        <Table<Quota>
          rowKey="regionCode"
          columns={columns}
          dataSource={project.quotas}
          pagination={false}
          size="small"
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('project.quotaTotal', { capacity })}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {total}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {project.quotas.reduce((s, q) => s + q.used, 0)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={canEdit ? t('project.noQuotasEdit') : t('project.noQuotas')} />
      )}
      {editing ? <QuotasModal project={project} capacity={capacity} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}

function QuotasModal({ project, capacity, onClose }: { project: Project; capacity: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const tree = authorisedTree(project.targetRegions.map((r) => r.code));
  const rows: Values['quotas'] | undefined = Form.useWatch('quotas', form);
  const sum = (rows ?? []).reduce((s, q) => s + (q?.places ?? 0), 0);
  const { saving, submit } = useFormSubmit(form, async (v: Values) => {
    const quotas = v.quotas.filter((q) => q.regionCode).map((q) => ({ regionCode: q.regionCode as string, places: q.places ?? 0 }));
    const updated = await projectApi.setQuotas(project.id, quotas);
    queryClient.setQueryData(TRAINING_KEYS.project(updated.id), updated);
    message.success(t('common.saved'));
    onClose();
  });
  return (
    <Modal
      open
      width={560}
      title={t('project.quotasTitle', { name: project.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'project-quotas-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('project.quotasHint', { capacity, sum })} style={{ marginBottom: 16 }} />
      <Form<Values>
        form={form}
        onFinish={submit}
        initialValues={{ quotas: project.quotas.length ? project.quotas.map((q) => ({ regionCode: q.regionCode, places: q.places })) : [{}] }}
      >
        <Form.List name="quotas">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }, i) => (
                <Flex key={key} gap={8} align="start">
                  <Form.Item
                    name={[name, 'regionCode']}
                    style={{ flex: 1, minWidth: 0 }}
                    rules={[{ required: true, message: t('common.select', { label: t('project.quotaRegion') }) }]}
                  >
                    <TreeSelect
                      treeData={tree}
                      treeDefaultExpandAll={tree.length === 1}
                      showSearch={{ treeNodeFilterProp: 'title' }}
                      placeholder={t('project.quotaRegion')}
                      data-testid={`quota-region-${i}`}
                    />
                  </Form.Item>
                  <Form.Item name={[name, 'places']} rules={[{ required: true, message: t('common.required', { label: t('project.quotaPlaces') }) }]}>
                    <InputNumber
                      min={0}
                      max={100000}
                      precision={0}
                      placeholder={t('project.quotaPlaces')}
                      style={{ width: 110 }}
                      data-testid={`quota-places-${i}`}
                    />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(name)} aria-label={t('project.removeQuota')} />
                </Flex>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})} data-testid="quota-add">
                {t('project.addQuota')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
