import { useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../../common/schemas/common.js';
import { isLive } from '../../../../../common/training.js';
import { api } from '../../../api/client.js';
import { ENROLMENTS_URL, type Enrolment } from '../../../api/enrolment.js';

const MINE = { page: 1, pageSize: 100 };

/** ENR-2: the hours my live enrolments hold in a training year (what the yearly cap counts). */
export function useYearHours(year: number | undefined): number | undefined {
  const { data } = useQuery({
    queryKey: [ENROLMENTS_URL, MINE],
    queryFn: () => api.get<Page<Enrolment>>(ENROLMENTS_URL, MINE),
    enabled: year !== undefined,
    meta: { quiet: true },
  });
  if (!data || year === undefined) return undefined;
  return data.items.filter((e) => e.year === year && isLive(e.state)).reduce((sum, e) => Math.round((sum + e.hours) * 10) / 10, 0);
}
