import { z } from 'zod';

/**
 * Video watching progress (CRS-11 "whole video watched", DESIGN "Data that must stay right under
 * load"): the player reports the SET of HLS segments it has watched, never an increment, so a lost,
 * repeated or reordered report changes nothing. The full contract, with the rules the server
 * applies, is in docs/video-progress.md; in short, for the web player:
 *
 * 1. On load, `GET /api/videos/:id/progress` → `VideoProgress`: start from `positionS` and hold
 *    `segments` as your set (a string of '0'/'1', character i = segment i, `segmentSeconds[i]`
 *    long). Pick a random `view` id (12+ characters) for this player instance; `seq` starts at 0.
 * 2. Mark segment i watched when the playhead has played through its end at normal playback (not
 *    by seeking over it). Never clear a mark.
 * 3. `POST /api/videos/:id/progress` with `ProgressReport` (the x-csrf-token header as for every
 *    write; use `fetch(…, { keepalive: true })` for the report on `pagehide`, since `sendBeacon`
 *    cannot send the header). `playing`, `visible` and `rate` describe the player NOW, after
 *    the event that caused the report. Report:
 *    - every `reportIntervalS` (15 s) while playing and visible;
 *    - at once on every change of those: play/resume, pause, ended, waiting (stall) and playing
 *      again, the page hidden or shown (`visibilitychange`), a rate change, a seek, pagehide.
 *    The server counts the time between two reports only when the earlier one said
 *    playing && visible, so the report sent when pausing or hiding is what credits the interval
 *    that was playing, and a paused or hidden player earns nothing afterwards.
 * 4. Answers: 204 = every segment in the report is now counted. 409 PROGRESS_TOO_FAST = none of
 *    this report's new segments were counted (they grew faster than time allows): keep your set,
 *    the next reports carry them; after two PROGRESS_TOO_FAST in a row, replace your set by the
 *    server's (GET) — what you watched meanwhile is not counted and must be watched again.
 *    409 ANOTHER_VIDEO_PLAYING = this account is playing another video; pause, show the message,
 *    and reload the set from GET before playing again. 403 NOT_ENROLLED / LESSON_NOT_OPEN and 404:
 *    stop reporting. Network errors and 5xx: just carry on (the next report includes everything).
 */

/** While playing and visible, the player reports this often (seconds). */
export const REPORT_INTERVAL_S = 15;
/** A video has at most this many segments (6 s segments: 5 hours). */
export const MAX_SEGMENTS = 3000;

export const zProgressReport = z.strictObject({
  /** A random id of this player instance (page load); with `seq` it orders the reports. */
  view: z.string().regex(/^[A-Za-z0-9_-]{12,64}$/),
  /** 0, 1, 2, … per `view`: a report with a `seq` not above one already received is ignored. */
  seq: z.number().int().min(0).max(1_000_000_000),
  /** Every segment watched so far (the resume set and what this page has added): '1' = watched. */
  segments: z
    .string()
    .regex(/^[01]+$/)
    .max(MAX_SEGMENTS),
  /** Playhead (seconds), saved to resume. */
  positionS: z.number().min(0).max(100_000),
  /** Playback rate now (0.5–2 in the player; the server caps it at MAX_SPEED). */
  rate: z.number().min(0.1).max(16),
  /** The video is playing now (not paused, ended or stalled). */
  playing: z.boolean(),
  /** The page is visible now (`document.visibilityState === 'visible'`). */
  visible: z.boolean(),
});
export type ProgressReport = z.infer<typeof zProgressReport>;

export const zVideoProgress = z.object({
  videoId: z.number().int(),
  /** Progress is stored for this viewer (an enrolled student of a published course); false for a 试看 visitor, the instructor and reviewers. */
  recorded: z.boolean(),
  /** Watched segments as counted by the server: '0'/'1', one character per segment. */
  segments: z.string(),
  segmentSeconds: z.array(z.number()),
  durationS: z.number(),
  /** Where to resume (seconds). */
  positionS: z.number(),
  /** Seconds of the watched segments. */
  watchedS: z.number(),
  /** Every segment watched (a last segment shorter than TAIL_TOLERANCE_S may be missing). */
  whole: z.boolean(),
  reportIntervalS: z.number().int(),
});
export type VideoProgress = z.infer<typeof zVideoProgress>;
