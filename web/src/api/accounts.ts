import { api } from './client.js';

/** Admin actions on one account (ACC-2, ACC-3, ORG-4). */
export const accountActions = {
  unlock: (id: number) => api.post<{ ok: true }>(`/api/accounts/${id}/unlock`),
  resetPassword: (id: number) => api.post<{ oneTimePassword: string }>(`/api/accounts/${id}/reset-password`),
  disable: (id: number) => api.post<{ ok: true }>(`/api/accounts/${id}/disable`),
  enable: (id: number) => api.post<{ ok: true }>(`/api/accounts/${id}/enable`),
  /** Unmasked mobile and ID number; needs SMS re-verification (ACC-5), handled by the request wrapper. */
  personalData: (id: number) => api.get<{ mobile: string | null; idNumber: string | null }>(`/api/accounts/${id}/personal-data`),
};
