import { useQuery } from '@tanstack/react-query';
import { ENROLMENTS_URL } from '../../../../api/enrolment.js';
import { type Enrolment, enrolmentApi, projectApi, TRAINING_KEYS } from '../../../../api/training.js';

/**
 * The class and its project. There is no GET /api/classes/:id, so the class is read from its
 * project: the project id comes with the link (`?project=`), else from one of the class's
 * enrolments, else from the projects in scope.
 */
export function useClassInfo(classId: number, projectHint: number | null) {
  const valid = Number.isInteger(classId) && classId > 0;
  const lookup = useQuery({
    queryKey: ['/api/classes', classId, 'project'],
    enabled: valid && projectHint === null,
    meta: { quiet: true },
    queryFn: async () => {
      const e = await enrolmentApi.list({ classId, pageSize: 1 });
      if (e.items[0]) return e.items[0].projectId;
      for (let page = 1; page <= 20; page++) {
        const r = await projectApi.list({ page, pageSize: 100 });
        const p = r.items.find((x) => x.classes.some((c) => c.id === classId));
        if (p) return p.id;
        if (page * 100 >= r.total) break;
      }
      return null;
    },
  });
  const projectId = projectHint ?? lookup.data ?? null;
  const project = useQuery({
    queryKey: TRAINING_KEYS.project(projectId ?? 0),
    queryFn: () => projectApi.get(projectId as number),
    enabled: projectId !== null,
    meta: { quiet: true },
  });
  const cls = project.data?.classes.find((c) => c.id === classId);
  const notFound = !valid || (lookup.isSuccess && lookup.data === null) || (project.isSuccess && !cls);
  return { project: project.data, cls, notFound, error: lookup.error ?? project.error, loading: !notFound && !cls };
}

/** Every enrolment of a class (all pages), e.g. to name the lottery's candidates. */
export function useAllClassEnrolments(classId: number, enabled = true) {
  return useQuery({
    queryKey: [ENROLMENTS_URL, { classId, all: true }],
    enabled,
    queryFn: async () => {
      const out: Enrolment[] = [];
      for (let page = 1; page <= 50; page++) {
        const r = await enrolmentApi.list({ classId, page, pageSize: 100 });
        out.push(...r.items);
        if (page * 100 >= r.total) break;
      }
      return out;
    },
  });
}
