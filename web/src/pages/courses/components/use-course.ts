import { useQuery, useQueryClient } from '@tanstack/react-query';
import { COURSE_KEYS, COURSES_URL, type Course, courseApi, type Lesson } from '../../../api/courses.js';

/** One course (with chapters, lessons and what the actor may do), keyed so every step's answer replaces it. */
export function useCourse(id: number) {
  return useQuery({
    queryKey: COURSE_KEYS.course(id),
    queryFn: () => courseApi.get(id),
    enabled: Number.isInteger(id) && id > 0,
    meta: { quiet: true },
  });
}

/** Stores what a course or lesson step answered, and refreshes what depends on it (lists, the checklist, the course's lessons). */
export function useCourseUpdates() {
  const queryClient = useQueryClient();
  return {
    course: (c: Course) => {
      queryClient.setQueryData(COURSE_KEYS.course(c.id), c);
      void queryClient.invalidateQueries({ queryKey: [COURSES_URL], predicate: (q) => q.queryKey[1] !== c.id });
      void queryClient.invalidateQueries({ queryKey: COURSE_KEYS.checklist(c.id) });
    },
    lesson: (l: Lesson) => {
      queryClient.setQueryData(COURSE_KEYS.lesson(l.id), l);
      void queryClient.invalidateQueries({ queryKey: COURSE_KEYS.course(l.courseId) });
    },
    lessonRemoved: (courseId: number, lessonId: number) => {
      queryClient.removeQueries({ queryKey: COURSE_KEYS.lesson(lessonId) });
      void queryClient.invalidateQueries({ queryKey: COURSE_KEYS.course(courseId) });
    },
  };
}
