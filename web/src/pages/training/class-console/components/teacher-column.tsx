import type { TableColumnType } from 'antd';
import { Typography } from 'antd';
import type { TFunction } from 'i18next';

/** The 教师 column of the console's tables: the name, and the 师训号 under it. */
export function teacherColumn<T extends { teacherName: string; shixunNo: string | null }>(t: TFunction): TableColumnType<T> {
  return {
    title: t('classConsole.teacher'),
    key: 'teacher',
    render: (_, r) => (
      <>
        <div>{r.teacherName}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.shixunNo}
        </Typography.Text>
      </>
    ),
  };
}
