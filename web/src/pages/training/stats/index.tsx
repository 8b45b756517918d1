import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageContainer } from '../../../components/page-container.js';
import { EvaluationStats } from './components/evaluation-stats.js';
import { PassRates } from './components/pass-rates.js';

/** 培训统计: 评教统计 (DLV-3) and 课程通过率 (DLV-5) within the reader's scope; the tab is in the URL. */
export default function TrainingStatsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'pass' ? 'pass' : 'evaluations';
  return (
    <PageContainer title={t('menu.trainingStats')}>
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'pass' ? { tab: key } : {}, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'evaluations', label: t('trainingStats.tabEvaluations'), children: <EvaluationStats /> },
            { key: 'pass', label: t('trainingStats.tabPassRates'), children: <PassRates /> },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
