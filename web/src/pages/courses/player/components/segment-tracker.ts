/**
 * Which HLS segments of a video were actually played through on this page (docs/video-progress.md,
 * rule 2): playback is followed as runs of play (timeupdate after timeupdate while playing and
 * visible; a seek, a pause, a stall or a hidden page ends a run). What the runs covered is kept as
 * a union of intervals, so a pause and resume at the same place loses nothing, while a seek leaves
 * a gap. A segment is marked once that union covers it from its start to its end: seeking over a
 * segment, or starting in its middle, never marks it. Marks are never cleared.
 */

/** timeupdate fires every ~250 ms; a larger step of the playhead is a jump, not play (2× plays 0.5 s per tick). */
const MAX_STEP_S = 2.5;
/** Slack at a segment's edges for the granularity of timeupdate and of keyframes. */
const EDGE_S = 0.3;

export class SegmentTracker {
  private readonly bounds: { start: number; end: number }[];
  private readonly marks: Uint8Array;
  /** Where the run being played now has got to (null: not playing). */
  private at: number | null = null;
  /** What the runs of this page covered: disjoint intervals, in order. */
  private played: [number, number][] = [];

  constructor(segmentSeconds: readonly number[], segments: string) {
    let at = 0;
    this.bounds = segmentSeconds.map((s) => {
      const b = { start: at, end: at + s };
      at += s;
      return b;
    });
    this.marks = new Uint8Array(segmentSeconds.length);
    this.merge(segments);
  }

  /** Adds the server's set (after a GET): union, never a removal of what this page marked… unless `replace`. */
  merge(segments: string, replace = false) {
    for (let i = 0; i < this.marks.length; i++) {
      const served = segments.charCodeAt(i) === 49 ? 1 : 0;
      this.marks[i] = replace ? served : this.marks[i] || served;
    }
  }

  /** Play starts (or resumes) at `t`. */
  start(t: number) {
    this.at = t;
  }

  /** Play stops: a pause, a seek, a stall, the page hidden. */
  stop() {
    this.at = null;
  }

  get playing() {
    return this.at !== null;
  }

  /** The playhead is at `t` after playing: adds what was played and marks the segments now covered. Answers how many were new. */
  advance(t: number): number {
    if (this.at === null) return 0;
    const from = this.at;
    this.at = t;
    // Backwards or a jump is not play; the run goes on from here.
    if (t <= from || t - from > MAX_STEP_S) return 0;
    this.add(from, t);
    let fresh = 0;
    this.bounds.forEach((b, i) => {
      if (!this.marks[i] && this.played.some(([s, e]) => s <= b.start + EDGE_S && e >= b.end - EDGE_S)) {
        this.marks[i] = 1;
        fresh += 1;
      }
    });
    return fresh;
  }

  /** Adds [from, to] to the union, joining intervals that touch (within the edge slack). */
  private add(from: number, to: number) {
    let s = from;
    let e = to;
    const kept: [number, number][] = [];
    for (const [a, b] of this.played) {
      if (b < s - EDGE_S || a > e + EDGE_S) kept.push([a, b]);
      else {
        s = Math.min(s, a);
        e = Math.max(e, b);
      }
    }
    kept.push([s, e]);
    this.played = kept.sort((x, y) => x[0] - y[0]);
  }

  isMarked(i: number) {
    return this.marks[i] === 1;
  }

  /** The segment holding `t`. */
  segmentAt(t: number): { index: number; start: number } | null {
    const i = this.bounds.findIndex((b) => t >= b.start && t < b.end);
    const b = this.bounds[i];
    return b ? { index: i, start: b.start } : null;
  }

  get count() {
    return this.marks.reduce((n, m) => n + m, 0);
  }

  get total() {
    return this.marks.length;
  }

  /** The set as the report carries it: '1' = watched. */
  toString() {
    let s = '';
    for (const m of this.marks) s += m ? '1' : '0';
    return s;
  }
}
