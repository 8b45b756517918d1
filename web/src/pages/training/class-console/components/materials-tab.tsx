import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Empty, Flex, Popconfirm, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MATERIAL_MAX_BYTES } from '../../../../../../common/training.js';
import { ApiError, showError } from '../../../../api/client.js';
import { type ClassPeriod, classApi, type Material } from '../../../../api/training.js';
import { formatTime } from '../../../../labels.js';
import { formatSize, sizeRefusal } from '../../components/labels.js';

const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.jpg,.jpeg,.png';

/** DLV-4 过程性材料: the institution uploads, downloads and deletes a class's materials; bureaus download. */
export function MaterialsTab({ cls, manage }: { cls: ClassPeriod; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ['/api/classes', cls.id, 'materials'];
  const { data, isLoading } = useQuery({ queryKey: key, queryFn: () => classApi.materials(cls.id) });
  const [uploading, setUploading] = useState(0);
  const [errors, setErrors] = useState<{ name: string; message: string }[]>([]);
  const [downloading, setDownloading] = useState<number | null>(null);
  const canUpload = manage && !cls.cancelled;

  const upload = async (file: File) => {
    const tooLarge = sizeRefusal(file, MATERIAL_MAX_BYTES, '20 MB');
    if (tooLarge) {
      setErrors((prev) => [...prev, { name: file.name, message: tooLarge }]);
      return;
    }
    setUploading((n) => n + 1);
    try {
      await classApi.uploadMaterial(cls.id, file);
      message.success(t('classConsole.materialUploaded', { name: file.name }));
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (err) {
      if (err instanceof ApiError && !err.handled) setErrors((prev) => [...prev, { name: file.name, message: err.message }]);
      else showError(err);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  const download = async (m: Material) => {
    setDownloading(m.id);
    try {
      await classApi.downloadMaterial(cls.id, m);
    } catch (err) {
      showError(err);
    } finally {
      setDownloading(null);
    }
  };

  const remove = async (m: Material) => {
    try {
      await classApi.deleteMaterial(cls.id, m.id);
      message.success(t('classConsole.materialDeleted', { name: m.name }));
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<Material> = [
    { title: t('classConsole.materialName'), dataIndex: 'name', render: (v: string) => <span style={{ wordBreak: 'break-all' }}>{v}</span> },
    { title: t('classConsole.materialType'), dataIndex: 'type', responsive: ['md'], render: (v: string) => v.toUpperCase() },
    { title: t('classConsole.materialSize'), dataIndex: 'size', responsive: ['md'], render: formatSize },
    { title: t('classConsole.materialAt'), dataIndex: 'createdAt', responsive: ['lg'], render: formatTime },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, m) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            icon={<DownloadOutlined />}
            loading={downloading === m.id}
            onClick={() => download(m)}
            data-testid={`material-download-${m.id}`}
          >
            {t('classConsole.download')}
          </Button>
          {manage ? (
            <Popconfirm
              title={t('classConsole.deleteConfirm', { name: m.name })}
              okText={t('classConsole.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove(m)}
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`material-delete-${m.id}`}>
                {t('classConsole.delete')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="console-materials">
      {manage ? (
        <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
          <Upload
            accept={ACCEPT}
            multiple
            showUploadList={false}
            disabled={!canUpload}
            beforeUpload={(file) => {
              void upload(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} loading={uploading > 0} disabled={!canUpload} data-testid="material-upload">
              {t('classConsole.uploadMaterial')}
            </Button>
          </Upload>
          <Typography.Text type="secondary">{t('classConsole.materialRules')}</Typography.Text>
        </Flex>
      ) : null}
      {errors.map((e, i) => (
        <Alert
          // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be refused twice
          key={`${e.name}-${i}`}
          type="error"
          showIcon
          closable
          onClose={() => setErrors((prev) => prev.filter((_, j) => j !== i))}
          title={t('classConsole.materialRefused', { name: e.name, reason: e.message })}
          style={{ marginBottom: 8 }}
          data-testid="material-error"
        />
      ))}
      <Table<Material>
        rowKey="id"
        columns={columns}
        dataSource={data ?? []}
        loading={isLoading}
        pagination={false}
        size="small"
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={manage ? t('classConsole.emptyMaterialsManage') : t('classConsole.emptyMaterials')} />
          ),
        }}
      />
    </div>
  );
}
