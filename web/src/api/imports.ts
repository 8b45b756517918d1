import type { ImportResult } from '../../../common/schemas/teachers.js';
import { api, download } from './client.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export type ImportMode = ImportResult['mode'];

/** TCH-2 批量导入: the template, the upload (the .xlsx itself is the request body) and the results. */
export const importActions = {
  downloadTemplate: () => download('/api/teachers/import/template', {}, '教师信息导入模板.xlsx'),
  upload: (file: File, mode: ImportMode) => api.upload<ImportResult>('/api/teachers/import', file, { type: XLSX_TYPE, query: { mode, fileName: file.name } }),
  downloadRejected: (r: Pick<ImportResult, 'id' | 'fileName'>) =>
    download(`/api/teacher-imports/${r.id}/rejected.xlsx`, {}, `${r.fileName.replace(/\.xlsx$/i, '')}-未导入行.xlsx`),
};
