import { useQuery } from '@tanstack/react-query';
import type { TrainingYear } from '../../../common/schemas/training.js';
import { api } from '../api/client.js';

/** The one query key of the current year: saving a year invalidates it. */
export const CURRENT_YEAR_KEY = ['/api/training-years/current'] as const;

/** PRJ-1: the current training year, today (Asia/Shanghai, from the server), its windows and the open round. */
export function useCurrentYear() {
  return useQuery({ queryKey: CURRENT_YEAR_KEY, queryFn: () => api.get<TrainingYear>('/api/training-years/current'), meta: { quiet: true } });
}
