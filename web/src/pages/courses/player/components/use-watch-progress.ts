import { useEffect, useState } from 'react';
import { isWholeVideo } from '../../../../../../common/courses.js';
import { ApiError } from '../../../../api/client.js';
import type { Lesson } from '../../../../api/courses.js';
import { type VideoProgress, watchingApi } from '../../../../api/watching.js';
import { SegmentTracker } from './segment-tracker.js';

export type WatchState = {
  /** The saved position is known (or there is none to know): the video may load. */
  ready: boolean;
  /** Where to start (seconds). */
  resumeAt: number;
  /** This viewer's watching is recorded (an enrolled student of a published course). */
  recorded: boolean;
  watched: number;
  segments: number;
  whole: boolean;
  /** Why reporting stopped or paused, as the server said it (another video playing, not enrolled…). */
  notice: string | null;
};

/** A random id of this player instance (the report's `view`). */
function viewId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Where a student resumes: the saved position, from the start of its segment when that segment is
 * not watched yet (so it can count); from the beginning once the video was watched to its end.
 */
function resumePoint(p: VideoProgress, tracker: SegmentTracker): number {
  if (p.positionS <= 0 || p.positionS >= p.durationS - 1) return 0;
  const seg = tracker.segmentAt(p.positionS);
  if (!seg || tracker.isMarked(seg.index)) return p.positionS;
  return seg.start;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The player's side of the progress contract (common/schemas/watching.ts, docs/video-progress.md):
 * GET the saved set and position, follow what is really played (SegmentTracker), and POST the whole
 * set — every `reportIntervalS` while playing and visible, and at once on play, pause, end, stall,
 * seek, rate change, the page hidden or shown, and as the page goes away (keepalive). Refusals are
 * handled as the contract says: two PROGRESS_TOO_FAST in a row take the server's set, another video
 * playing pauses this one until the set is reloaded, NOT_ENROLLED / LESSON_NOT_OPEN / 404 stop it.
 */
export function useWatchProgress({ lesson, video, enabled }: { lesson: Lesson; video: HTMLVideoElement | null; enabled: boolean }): WatchState {
  const videoId = lesson.video?.state === 'ready' ? lesson.video.id : null;
  const [progress, setProgress] = useState<VideoProgress | null>(null);
  const [tracker, setTracker] = useState<SegmentTracker | null>(null);
  const [failed, setFailed] = useState(false);
  const [watched, setWatched] = useState(0);
  const [whole, setWhole] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  // 1. The saved set and position.
  useEffect(() => {
    if (!videoId || !enabled) return;
    let live = true;
    watchingApi
      .get(videoId)
      .then((p) => {
        if (!live) return;
        const t = new SegmentTracker(p.segmentSeconds, p.segments);
        setProgress(p);
        setTracker(t);
        setWatched(t.count);
        setWhole(p.whole);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [videoId, enabled]);

  // 2–4. Follow the player and report.
  useEffect(() => {
    if (!video || !videoId || !progress?.recorded || !tracker) return;
    const view = viewId();
    let seq = 0;
    let tooFast = 0;
    let stopped = false;
    let stalled = false;
    let reloadFirst = false;
    const playingNow = () => !video.paused && !video.ended && !stalled;
    const visibleNow = () => document.visibilityState === 'visible';

    const reload = async () => {
      const p = await watchingApi.get(videoId);
      tracker.merge(p.segments, true);
      setWatched(tracker.count);
      setWhole(p.whole);
    };
    const send = async ({ keepalive = false, leaving = false } = {}) => {
      if (stopped) return;
      const body = {
        view,
        seq: seq++,
        segments: tracker.toString(),
        positionS: round(video.currentTime || 0),
        rate: video.playbackRate,
        playing: leaving ? false : playingNow(),
        visible: leaving ? false : visibleNow(),
      };
      try {
        await watchingApi.report(videoId, body, keepalive);
        tooFast = 0;
        if (!leaving && isWholeVideo((i) => tracker.isMarked(i), progress.segmentSeconds)) setWhole(true);
      } catch (err) {
        if (!(err instanceof ApiError) || leaving) return;
        if (err.code === 'PROGRESS_TOO_FAST') {
          tooFast += 1;
          if (tooFast >= 2) {
            tooFast = 0;
            await reload().catch(() => undefined);
          }
        } else if (err.code === 'ANOTHER_VIDEO_PLAYING') {
          reloadFirst = true;
          video.pause();
          setNotice(err.message);
        } else if (err.status === 403 || err.status === 404) {
          stopped = true;
          setNotice(err.message);
        }
        // A network failure or 5xx: carry on; the next report holds everything.
      }
    };

    const onTime = () => {
      if (!playingNow() || !visibleNow()) return;
      if (!tracker.playing) tracker.start(video.currentTime);
      else if (tracker.advance(video.currentTime) > 0) setWatched(tracker.count);
    };
    const onPlay = () => {
      if (!reloadFirst) return;
      // Another video was playing: take the server's set before this one counts again.
      reloadFirst = false;
      setNotice(null);
      void reload().catch(() => undefined);
    };
    const onPlaying = () => {
      stalled = false;
      if (visibleNow()) tracker.start(video.currentTime);
      void send();
    };
    const onStop = () => {
      tracker.advance(video.currentTime);
      setWatched(tracker.count);
      tracker.stop();
      void send();
    };
    const onEnded = () => {
      tracker.advance(video.duration || video.currentTime);
      setWatched(tracker.count);
      tracker.stop();
      void send();
    };
    const onWaiting = () => {
      stalled = true;
      onStop();
    };
    // The playhead has already moved when `seeking` fires: the run ends where the last tick left it.
    const onSeeking = () => tracker.stop();
    const onSeeked = () => {
      if (playingNow() && visibleNow()) tracker.start(video.currentTime);
      void send();
    };
    const onRate = () => void send();
    const onVisibility = () => {
      if (visibleNow()) {
        if (playingNow()) tracker.start(video.currentTime);
      } else {
        tracker.advance(video.currentTime);
        tracker.stop();
      }
      void send();
    };
    const onPageHide = () => void send({ keepalive: true, leaving: true });

    const events: [string, () => void][] = [
      ['timeupdate', onTime],
      ['play', onPlay],
      ['playing', onPlaying],
      ['pause', onStop],
      ['ended', onEnded],
      ['waiting', onWaiting],
      ['seeking', onSeeking],
      ['seeked', onSeeked],
      ['ratechange', onRate],
    ];
    for (const [name, fn] of events) video.addEventListener(name, fn);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onPageHide);
    const timer = window.setInterval(() => {
      if (playingNow() && visibleNow()) void send();
    }, Math.max(1, progress.reportIntervalS) * 1000);
    return () => {
      window.clearInterval(timer);
      for (const [name, fn] of events) video.removeEventListener(name, fn);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onPageHide);
      // Leaving the lesson (another lesson, another page): the last report says the player stopped.
      if (tracker.playing) tracker.advance(video.currentTime);
      void send({ keepalive: true, leaving: true });
    };
  }, [video, videoId, progress, tracker]);

  const waiting = enabled && videoId !== null && !progress && !failed;
  return {
    ready: !waiting,
    resumeAt: progress?.recorded && tracker ? resumePoint(progress, tracker) : (progress?.positionS ?? 0),
    recorded: progress?.recorded ?? false,
    watched,
    segments: tracker?.total ?? 0,
    whole,
    notice,
  };
}
