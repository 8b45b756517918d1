import { CheckCircleFilled, QrcodeOutlined, SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Card, Checkbox, Col, Empty, Flex, InputNumber, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showError } from '../../../../api/client.js';
import { type CheckinCode, type ClassPeriod, classApi, type Roster, type RosterRow } from '../../../../api/training.js';
import { EnrolmentStateTag } from '../../../../components/enrolment-state-tag.js';
import { formatTime } from '../../../../labels.js';
import { teacherColumn } from './teacher-column.js';

type Props = { cls: ClassPeriod; roster: Roster | undefined; today: string | undefined; manage: boolean };

/** The code teachers type on their phones, large, with when it stops working (one card per code: keyed by it). */
function CodeCard({ code }: { code: CheckinCode }) {
  const { t } = useTranslation();
  const expiresAt = Date.parse(code.expiresAt);
  const [expired, setExpired] = useState(() => Date.now() >= expiresAt);
  useEffect(() => {
    const timer = setTimeout(() => setExpired(true), Math.max(0, expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [expiresAt]);
  return (
    <div style={{ textAlign: 'center' }} data-testid="checkin-code">
      <div
        style={{
          fontSize: 'clamp(40px, 12vw, 64px)',
          fontWeight: 700,
          letterSpacing: '0.18em',
          fontVariantNumeric: 'tabular-nums',
          color: expired ? '#bfbfbf' : '#1677ff',
          textDecoration: expired ? 'line-through' : undefined,
          lineHeight: 1.2,
        }}
        data-testid="checkin-code-value"
      >
        {code.code}
      </div>
      <Typography.Text type="secondary">{t('classConsole.codeDay', { day: code.day })}</Typography.Text>
      <div>
        {expired ? (
          <Tag color="default">{t('classConsole.codeExpired', { at: formatTime(code.expiresAt) })}</Tag>
        ) : (
          <Statistic.Timer
            type="countdown"
            value={expiresAt}
            format="mm:ss"
            prefix={t('classConsole.codeExpiresIn')}
            styles={{ content: { fontSize: 16 } }}
            suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{` (${formatTime(code.expiresAt)})`}</Typography.Text>}
          />
        )}
      </div>
    </div>
  );
}

/**
 * DLV-1 报到: attendance of one class day by list (tick who came, save), or a time-limited 签到码
 * that admitted teachers enter on their phones (their check-in then shows in the list).
 */
export function AttendanceTab({ cls, roster, today, manage }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const days = roster?.days ?? [];
  const defaultDay = today && days.includes(today) ? today : (days[0] ?? '');
  const [picked, setPicked] = useState<string | null>(null);
  const day = picked ?? defaultDay;
  const [ticked, setTicked] = useState<Set<number> | null>(null);
  const [saving, setSaving] = useState(false);
  const [minutes, setMinutes] = useState(30);
  const [code, setCode] = useState<CheckinCode | null>(null);
  const [coding, setCoding] = useState(false);

  const rows = roster?.rows ?? [];
  const saved = new Set(rows.filter((r) => r.attended.includes(day)).map((r) => r.enrolmentId));
  const current = ticked ?? saved;
  const admitted = rows.filter((r) => r.state === 'admitted');
  const dirty = ticked !== null && (ticked.size !== saved.size || [...ticked].some((id) => !saved.has(id)));
  const future = !!today && day > today;

  const toggle = (id: number, on: boolean) => {
    const next = new Set(current);
    if (on) next.add(id);
    else next.delete(id);
    setTicked(next);
  };

  const save = async () => {
    setSaving(true);
    try {
      await classApi.attendance(cls.id, day, [...current]);
      message.success(t('classConsole.attendanceSaved', { day, count: current.size }));
      setTicked(null);
      await queryClient.invalidateQueries({ queryKey: ['/api/classes', cls.id, 'roster'] });
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  const generate = async () => {
    setCoding(true);
    try {
      setCode(await classApi.checkinCode(cls.id, day, minutes));
    } catch (err) {
      showError(err);
    } finally {
      setCoding(false);
    }
  };

  const columns: TableColumnsType<RosterRow> = [
    {
      title: t('classConsole.present', { day }),
      key: 'present',
      width: 90,
      align: 'center',
      render: (_, r) =>
        !manage ? (
          current.has(r.enrolmentId) ? (
            <CheckCircleFilled style={{ color: '#52c41a' }} aria-label={t('classConsole.present', { day })} />
          ) : (
            <Typography.Text type="secondary">-</Typography.Text>
          )
        ) : (
          <Checkbox
            checked={current.has(r.enrolmentId)}
            disabled={r.state !== 'admitted'}
            onChange={(e) => toggle(r.enrolmentId, e.target.checked)}
            data-testid={`attend-${r.enrolmentId}`}
            aria-label={r.teacherName}
          />
        ),
    },
    teacherColumn(t),
    { title: t('classConsole.school'), dataIndex: 'schoolName', responsive: ['md'], render: (v: string | null) => v ?? '-' },
    { title: t('classConsole.state'), dataIndex: 'state', render: (v: RosterRow['state']) => <EnrolmentStateTag state={v} /> },
    {
      title: t('classConsole.attendedDays'),
      key: 'days',
      render: (_, r) => `${r.attended.length} / ${days.length}`,
    },
  ];

  if (rows.length === 0) {
    return <Empty description={t('classConsole.emptyRoster')} data-testid="console-attendance" />;
  }

  return (
    <Row gutter={[16, 16]} data-testid="console-attendance">
      <Col xs={24} lg={manage ? 16 : 24}>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Typography.Text>{t('classConsole.day')}</Typography.Text>
          <Select
            value={day}
            onChange={(v) => {
              setPicked(v);
              setTicked(null);
            }}
            style={{ minWidth: 170 }}
            options={days.map((d) => ({ value: d, label: d === today ? t('classConsole.todayOption', { day: d }) : d }))}
            data-testid="attendance-day"
          />
          {manage ? (
            <>
              <Button size="small" onClick={() => setTicked(new Set(admitted.map((r) => r.enrolmentId)))} data-testid="attendance-all">
                {t('classConsole.tickAll')}
              </Button>
              <Button size="small" onClick={() => setTicked(new Set())}>
                {t('classConsole.tickNone')}
              </Button>
            </>
          ) : null}
          <Typography.Text type="secondary">{t('classConsole.presentCount', { count: current.size, total: admitted.length })}</Typography.Text>
        </Flex>
        {future && manage ? <Alert type="info" showIcon title={t('classConsole.futureDay')} style={{ marginBottom: 12 }} /> : null}
        <Table<RosterRow> rowKey="enrolmentId" columns={columns} dataSource={rows} pagination={false} size="small" scroll={{ x: 'max-content' }} />
        {manage ? (
          <Flex gap={8} align="center" style={{ marginTop: 12 }} wrap>
            <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={!dirty} onClick={save} data-testid="attendance-save">
              {t('classConsole.saveAttendance', { day })}
            </Button>
            {dirty ? <Typography.Text type="warning">{t('classConsole.unsaved')}</Typography.Text> : null}
          </Flex>
        ) : null}
      </Col>
      {manage ? (
        <Col xs={24} lg={8}>
          <Card size="small" title={t('classConsole.checkinCode')}>
            <Typography.Paragraph type="secondary">{t('classConsole.checkinCodeHelp')}</Typography.Paragraph>
            <Flex gap={8} align="center" wrap style={{ marginBottom: 16 }}>
              <InputNumber
                min={1}
                max={240}
                precision={0}
                value={minutes}
                onChange={(v) => setMinutes(v ?? 30)}
                suffix={t('classConsole.minutes')}
                style={{ width: 120 }}
                data-testid="checkin-minutes"
              />
              <Button icon={<QrcodeOutlined />} loading={coding} disabled={!day} onClick={generate} data-testid="checkin-generate">
                {t('classConsole.generateCode', { day })}
              </Button>
            </Flex>
            {code ? (
              <CodeCard key={`${code.code}-${code.expiresAt}`} code={code} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('classConsole.noCode')} />
            )}
            {code ? (
              <Button
                block
                style={{ marginTop: 12 }}
                onClick={() => void queryClient.invalidateQueries({ queryKey: ['/api/classes', cls.id, 'roster'] })}
                data-testid="attendance-refresh"
              >
                {t('classConsole.refreshRoster')}
              </Button>
            ) : null}
          </Card>
        </Col>
      ) : null}
    </Row>
  );
}
