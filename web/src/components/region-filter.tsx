import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { flattenRegions, useRegions } from '../hooks/use-regions.js';

/** City and county filters from the (scoped) region tree; the county list follows the chosen city. */
export function RegionFilter() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const cityCode: string | undefined = Form.useWatch('cityCode', form);
  const { data } = useRegions();
  const all = flattenRegions(data);
  const cities = all.filter((n) => n.level === 'city');
  const counties = (cityCode ? (cities.find((c) => c.code === cityCode)?.children ?? []) : all).filter((n) => n.level === 'county');
  return (
    <>
      {cities.length > 1 ? (
        <Form.Item name="cityCode" label={t('school.city')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            options={cities.map((c) => ({ value: c.code, label: c.name }))}
            onChange={() => form.setFieldValue('countyCode', undefined)}
            data-testid="filter-city"
          />
        </Form.Item>
      ) : null}
      {counties.length > 1 ? (
        <Form.Item name="countyCode" label={t('school.county')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('common.all')}
            options={counties.map((c) => ({ value: c.code, label: c.name }))}
            data-testid="filter-county"
          />
        </Form.Item>
      ) : null}
    </>
  );
}
