/** Vocabularies and rules of online synchronous courses (网络同步课, SPEC §7, seed 000). */

export const COURSE_STAGES = ['primary', 'junior', 'senior'] as const;
export type CourseStage = (typeof COURSE_STAGES)[number];

/** Grades 1–12 (小学 1–6, 初中 7–9, 高中 10–12). */
export const GRADES_BY_STAGE: Record<CourseStage, readonly number[]> = {
  primary: [1, 2, 3, 4, 5, 6],
  junior: [7, 8, 9],
  senior: [10, 11, 12],
};

export const DIFFICULTIES = ['basic', 'intermediate', 'advanced'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** CRS-1: cover image sizes (16:9) the seed allows. */
export const COVER_SIZES = [
  [750, 422],
  [1920, 1080],
] as const;

/** CRS-3/13: lessons needed to publish and to complete. */
export const MIN_LESSONS = 12;
/** CRS-13: internet students and credited students needed to complete. */
export const MIN_INTERNET_STUDENTS = 50;
export const MIN_CREDITED_STUDENTS = 30;

/** CRS-7: 网络学员 (watch and read) and 互联网学生 (may also submit homework, start topics, review). */
export const STUDENT_KINDS = ['learner', 'internet'] as const;
export type StudentKind = (typeof STUDENT_KINDS)[number];

/** CRS-8: submissions per student per exercise. */
export const MAX_SUBMISSIONS = 3;
export const HOMEWORK_MARKS = ['excellent', 'passed', 'failed'] as const;
export type HomeworkMark = (typeof HOMEWORK_MARKS)[number];

/** CRS-10: a review counts from this many characters. */
export const MIN_REVIEW_CHARS = 100;
/** Characters as the review rule counts them: after trimming, one per character (not per UTF-16 unit). */
export const reviewChars = (text: string) => [...text.trim()].length;

/** CRS-11 系统空间学分赋分: points per item and caps, straight from the seed's table. */
export const SCORING = {
  videoPoints: 5,
  videoCap: 40,
  excellentHomeworkPoints: 20,
  excellentHomeworkCap: 40,
  repliedTopicPoints: 5,
  repliedTopicCap: 20,
  creditPoints: 60,
  /** Course progress needed, as a fraction. */
  creditProgress: 0.5,
} as const;

/** CRS-12: budgets per course. */
export const BONUS_POINTS_PER_COURSE = 100;
export const MEDALS_PER_COURSE = 5;

/** CRS-14: video length the construction requirements ask for, in minutes, per stage. */
export const VIDEO_MINUTES: Record<CourseStage, readonly [number, number]> = {
  primary: [8, 10],
  junior: [10, 15],
  senior: [10, 15],
};

/** CRS-14: what the course introduction should cover (000 §12). */
export const INTRO_TOPICS = ['content', 'audience', 'goals', 'preparation', 'evaluation', 'self', 'copyright'] as const;
export type IntroTopic = (typeof INTRO_TOPICS)[number];

/** Speeds the player offers; the server caps watched time by elapsed time × the top speed. */
export const PLAYER_SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;
export const MAX_SPEED = 2;

/**
 * "Whole video watched" means every HLS segment, except that a last segment shorter than this
 * (seconds) may be missing: players often stop a fraction before the end.
 */
export const TAIL_TOLERANCE_S = 2;

export type ScoreInput = {
  fullyWatched: number;
  excellentHomework: number;
  repliedTopics: number;
  reviewApproved: boolean;
  /** 0..1 */
  progress: number;
};

export type Score = {
  video: number;
  homework: number;
  topics: number;
  total: number;
  reviewApproved: boolean;
  progress: number;
  earnsCredit: boolean;
};

/** CRS-11: the seed's table, each part capped; the credit needs 60 points, 50 % progress and an approved review. */
export function scoreOf(s: ScoreInput): Score {
  const video = Math.min(SCORING.videoCap, s.fullyWatched * SCORING.videoPoints);
  const homework = Math.min(SCORING.excellentHomeworkCap, s.excellentHomework * SCORING.excellentHomeworkPoints);
  const topics = Math.min(SCORING.repliedTopicCap, s.repliedTopics * SCORING.repliedTopicPoints);
  const total = video + homework + topics;
  return {
    video,
    homework,
    topics,
    total,
    reviewApproved: s.reviewApproved,
    progress: s.progress,
    earnsCredit: total >= SCORING.creditPoints && s.progress >= SCORING.creditProgress && s.reviewApproved,
  };
}

/** Segments a report must hold for "whole video": all, bar a short last one (TAIL_TOLERANCE_S). */
export function isWholeVideo(watched: (i: number) => boolean, segmentSeconds: readonly number[]): boolean {
  const n = segmentSeconds.length;
  for (let i = 0; i < n; i++) {
    if (watched(i)) continue;
    if (i === n - 1 && (segmentSeconds[i] ?? 0) < TAIL_TOLERANCE_S) continue;
    return false;
  }
  return n > 0;
}
