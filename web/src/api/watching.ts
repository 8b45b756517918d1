import type { ProgressReport, VideoProgress } from '../../../common/schemas/watching.js';
import { api, request } from './client.js';

export type { ProgressReport, VideoProgress };

/** Video watching progress (docs/video-progress.md): where to resume and the watched segments; reports of the whole set. */
export const watchingApi = {
  get: (videoId: number) => api.get<VideoProgress>(`/api/videos/${videoId}/progress`),
  /** `keepalive` for the report sent as the page goes away. */
  report: (videoId: number, body: ProgressReport, keepalive = false) => request<void>(`/api/videos/${videoId}/progress`, { method: 'POST', body, keepalive }),
};
