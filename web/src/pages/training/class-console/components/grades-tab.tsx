import { DownloadOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Empty, Flex, InputNumber, Radio, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, showError } from '../../../../api/client.js';
import { type ClassPeriod, classApi, type GradeImportResult, type GradeItem, type Project, type Roster, type RosterRow } from '../../../../api/training.js';
import { teacherColumn } from './teacher-column.js';

type Draft = { result: 'pass' | 'fail' | null; score: number | null };
type Props = { cls: ClassPeriod; project: Project; roster: Roster | undefined; today: string | undefined; manage: boolean };

/**
 * DLV-2 成绩录入: 合格/不合格 and a score (optional) per admitted enrolee, by form or by the class's
 * Excel sheet (all rows or none; each refused row says why). A pass writes the class's hours into
 * the teacher's ledger; changing a grade reverses that entry and writes a new one.
 */
export function GradesTab({ cls, project, roster, today, manage }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Map<number, Draft>>(new Map());
  const [saving, setSaving] = useState(false);
  const [templateBusy, setTemplateBusy] = useState(false);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<GradeImportResult | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const rows = (roster?.rows ?? []).filter((r) => r.state === 'admitted');
  const notStarted = !!today && today < cls.startDate;
  const editable = manage && !notStarted && !cls.cancelled;

  const draftOf = (r: RosterRow): Draft => drafts.get(r.enrolmentId) ?? { result: r.result, score: r.score };
  const changed = rows.filter((r) => {
    const d = drafts.get(r.enrolmentId);
    return d && d.result !== null && (d.result !== r.result || d.score !== r.score);
  });
  const counts = rows.reduce(
    (acc, r) => {
      const v = draftOf(r).result;
      acc[v ?? 'none']++;
      return acc;
    },
    { pass: 0, fail: 0, none: 0 },
  );

  const edit = (r: RosterRow, patch: Partial<Draft>) => setDrafts((prev) => new Map(prev).set(r.enrolmentId, { ...draftOf(r), ...patch }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['/api/classes', cls.id, 'roster'] });

  const save = async () => {
    const items: GradeItem[] = changed.map((r) => {
      const d = draftOf(r);
      return { enrolmentId: r.enrolmentId, result: d.result as 'pass' | 'fail', score: d.score };
    });
    setSaving(true);
    try {
      const r = await classApi.grades(cls.id, items);
      message.success(t('classConsole.gradesSaved', { count: r.changed }));
      setDrafts(new Map());
      await refresh();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  const template = async () => {
    setTemplateBusy(true);
    try {
      await classApi.gradeTemplate(cls.id);
    } catch (err) {
      showError(err);
    } finally {
      setTemplateBusy(false);
    }
  };

  const upload = async (file: File) => {
    setImporting(true);
    setImportError(null);
    setImported(null);
    try {
      const r = await classApi.importGrades(cls.id, file);
      setImported(r);
      if (r.errors.length === 0) {
        message.success(t('classConsole.importDone', { count: r.graded }));
        setDrafts(new Map());
        await refresh();
      }
    } catch (err) {
      if (err instanceof ApiError && !err.handled) setImportError(err.message);
      else showError(err);
    } finally {
      setImporting(false);
    }
  };

  const columns: TableColumnsType<RosterRow> = [
    teacherColumn(t),
    { title: t('classConsole.school'), dataIndex: 'schoolName', responsive: ['lg'], render: (v: string | null) => v ?? '-' },
    {
      title: t('classConsole.attendedDays'),
      key: 'days',
      responsive: ['md'],
      render: (_, r) => `${r.attended.length} / ${roster?.days.length ?? 0}`,
    },
    {
      title: t('classConsole.result'),
      key: 'result',
      render: (_, r) => {
        const v = draftOf(r);
        return editable ? (
          <Radio.Group
            value={v.result}
            onChange={(e) => edit(r, { result: e.target.value })}
            optionType="button"
            buttonStyle="solid"
            size="small"
            options={[
              { value: 'pass', label: t('classConsole.pass') },
              { value: 'fail', label: t('classConsole.fail') },
            ]}
            data-testid={`grade-result-${r.enrolmentId}`}
          />
        ) : v.result ? (
          <Tag color={v.result === 'pass' ? 'green' : 'red'}>{t(`classConsole.${v.result}`)}</Tag>
        ) : (
          <Typography.Text type="secondary">{t('classConsole.ungraded')}</Typography.Text>
        );
      },
    },
    {
      title: t('classConsole.score'),
      key: 'score',
      render: (_, r) => {
        const v = draftOf(r);
        return editable ? (
          <InputNumber
            min={0}
            max={100}
            step={1}
            value={v.score}
            onChange={(score) => edit(r, { score: score ?? null })}
            placeholder={t('classConsole.scoreOptional')}
            style={{ width: 96 }}
            data-testid={`grade-score-${r.enrolmentId}`}
          />
        ) : (
          (v.score ?? '-')
        );
      },
    },
  ];

  if (rows.length === 0) return <Empty description={t('classConsole.emptyRoster')} data-testid="console-grades" />;

  return (
    <div data-testid="console-grades">
      <Alert
        type={notStarted ? 'warning' : 'info'}
        showIcon
        title={notStarted ? t('classConsole.gradesNotStarted', { start: cls.startDate }) : t('classConsole.gradesHint', { hours: project.hours })}
        style={{ marginBottom: 12 }}
      />
      <Flex gap={8} wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Typography.Text data-testid="grade-counts">{t('classConsole.gradeCounts', counts)}</Typography.Text>
        {manage ? (
          <Flex gap={8} wrap>
            <Button icon={<DownloadOutlined />} loading={templateBusy} onClick={template} data-testid="grade-template">
              {t('classConsole.gradeTemplate')}
            </Button>
            <Upload
              accept=".xlsx"
              showUploadList={false}
              disabled={!editable || importing}
              beforeUpload={(file) => {
                void upload(file);
                return Upload.LIST_IGNORE;
              }}
            >
              <Button icon={<UploadOutlined />} loading={importing} disabled={!editable} data-testid="grade-import">
                {t('classConsole.gradeImport')}
              </Button>
            </Upload>
          </Flex>
        ) : null}
      </Flex>
      {importError ? <Alert type="error" showIcon closable title={importError} style={{ marginBottom: 12 }} data-testid="grade-import-error" /> : null}
      {imported && imported.errors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setImported(null)}
          title={t('classConsole.importRefused', { count: imported.errors.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="grade-import-errors">
              {imported.errors.map((e) => (
                <li key={`${e.row}-${e.reason}`}>{e.row > 0 ? t('classConsole.importRow', { row: e.row, reason: e.reason }) : e.reason}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Table<RosterRow> rowKey="enrolmentId" columns={columns} dataSource={rows} pagination={false} size="small" scroll={{ x: 'max-content' }} />
      {editable ? (
        <Flex gap={8} align="center" wrap style={{ marginTop: 12 }}>
          <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={changed.length === 0} onClick={save} data-testid="grade-save">
            {t('classConsole.saveGrades', { count: changed.length })}
          </Button>
          {changed.length ? (
            <Button onClick={() => setDrafts(new Map())} disabled={saving}>
              {t('classConsole.discard')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
    </div>
  );
}
