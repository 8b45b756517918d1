import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { School } from '../../../../../../common/schemas/org.js';
import { SchoolFormDrawer } from './school-form.js';

/** A school's seven fields, with the edit button when the row's abilities allow it. */
export function SchoolDetailCard({ school }: { school: School }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const label = (k: string) => t(`school.${k}`);
  return (
    <Card
      title={school.name}
      extra={
        school.abilities.update ? (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="school-edit">
            {t('common.edit')}
          </Button>
        ) : null
      }
    >
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        data-testid="school-detail"
        items={[
          { key: 'code', label: label('code'), children: school.code },
          { key: 'name', label: label('name'), children: school.name },
          { key: 'stageType', label: label('stageType'), children: t(`stage.${school.stageType}`) },
          { key: 'nature', label: label('nature'), children: t(`nature.${school.nature}`) },
          { key: 'sealName', label: label('sealName'), children: school.sealName },
          { key: 'county', label: label('county'), children: `${school.cityName} ${school.countyName}` },
          { key: 'town', label: label('town'), children: school.town },
          { key: 'principalName', label: label('principalName'), children: school.principalName },
          { key: 'principalMobile', label: label('principalMobile'), children: school.principalMobile },
        ]}
      />
      <SchoolFormDrawer open={editing} school={school} onClose={() => setEditing(false)} />
    </Card>
  );
}
