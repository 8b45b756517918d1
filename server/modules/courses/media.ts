import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { lessonVideos } from '../../db/schema.js';

const run = promisify(execFile);

/** Where videos live: DATA_DIR/uploads/<uploadId> while arriving, DATA_DIR/media/<mediaKey>/ once accepted. */
export function mediaPaths(config: Pick<Config, 'dataDir'>) {
  const root = config.dataDir;
  return {
    upload: (uploadId: string) => path.join(root, 'uploads', uploadId),
    dir: (mediaKey: string) => path.join(root, 'media', mediaKey),
    source: (mediaKey: string) => path.join(root, 'media', mediaKey, 'source'),
  };
}

/** HLS files a player may fetch: the playlist and numbered segments, nothing else. */
export const HLS_FILE_RE = /^(index\.m3u8|seg_\d{4}\.ts)$/;

export type Probe = { durationS: number; width: number; height: number };

/** Reads a file's video stream with ffprobe; null when it is not a video ffmpeg can read. */
export async function probeVideo(ffprobe: string, file: string): Promise<Probe | null> {
  try {
    const { stdout } = await run(ffprobe, [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=width,height:format=duration',
      '-of',
      'json',
      file,
    ]);
    const info = JSON.parse(stdout) as { streams?: { width?: number; height?: number }[]; format?: { duration?: string } };
    const stream = info.streams?.[0];
    const durationS = Number(info.format?.duration);
    if (!stream?.width || !stream.height || !Number.isFinite(durationS) || durationS <= 0) return null;
    return { durationS, width: stream.width, height: stream.height };
  } catch {
    return null;
  }
}

/** Segment lengths from an HLS playlist's #EXTINF lines. */
export function segmentSecondsOf(playlist: string): number[] {
  return [...playlist.matchAll(/#EXTINF:([\d.]+)/g)].map((m) => Math.round(Number(m[1]) * 1000) / 1000);
}

/** HLS segment length the transcoder aims at (seconds); progress is counted per segment. */
export const HLS_SEGMENT_SECONDS = 6;

/**
 * The `transcode` job: source → H.264/AAC HLS (VOD playlist, ~6 s segments, at most 720p), with
 * progress written to the video row about once a second. A failure stores ffmpeg's last words
 * as the reason the studio shows.
 */
export async function transcodeVideo(
  db: Db,
  config: Pick<Config, 'dataDir' | 'ffmpegPath' | 'ffprobePath'>,
  job: { payload: Record<string, unknown>; signal: AbortSignal; final: boolean },
): Promise<void> {
  const videoId = Number(job.payload.videoId);
  const [video] = await db.select().from(lessonVideos).where(eq(lessonVideos.id, videoId));
  if (!video) return; // deleted or replaced meanwhile: nothing to do
  const paths = mediaPaths(config);
  const dir = paths.dir(video.mediaKey);
  const source = paths.source(video.mediaKey);
  await db.update(lessonVideos).set({ state: 'transcoding', progress: 0, error: null }).where(eq(lessonVideos.id, videoId));
  try {
    const probe = await probeVideo(config.ffprobePath, source);
    if (!probe) throw new Error('源文件不是可识别的视频 / not a readable video');
    await Promise.all((await fs.readdir(dir)).filter((f) => HLS_FILE_RE.test(f)).map((f) => fs.rm(path.join(dir, f), { force: true })));
    let lastWrite = 0;
    await runFfmpeg(
      config.ffmpegPath,
      [
        '-hide_banner',
        '-nostats',
        '-y',
        '-i',
        source,
        '-map',
        '0:v:0',
        '-map',
        '0:a:0?',
        '-vf',
        "scale=-2:'min(720,ih)'",
        '-c:v',
        'libx264',
        '-preset',
        'veryfast',
        '-crf',
        '23',
        '-pix_fmt',
        'yuv420p',
        // A keyframe at every segment boundary, so segments are the length progress counts with.
        '-force_key_frames',
        `expr:gte(t,n_forced*${HLS_SEGMENT_SECONDS})`,
        '-c:a',
        'aac',
        '-b:a',
        '96k',
        '-f',
        'hls',
        '-hls_time',
        String(HLS_SEGMENT_SECONDS),
        '-hls_playlist_type',
        'vod',
        '-hls_segment_filename',
        path.join(dir, 'seg_%04d.ts'),
        '-progress',
        'pipe:1',
        path.join(dir, 'index.m3u8'),
      ],
      job.signal,
      (seconds) => {
        const now = Date.now();
        if (now - lastWrite < 1000) return;
        lastWrite = now;
        const progress = Math.min(99, Math.floor((seconds / probe.durationS) * 100));
        db.update(lessonVideos)
          .set({ progress })
          .where(eq(lessonVideos.id, videoId))
          .catch(() => {});
      },
    );
    const playlist = await fs.readFile(path.join(dir, 'index.m3u8'), 'utf8');
    const segmentSeconds = segmentSecondsOf(playlist);
    if (segmentSeconds.length === 0) throw new Error('转码结果没有视频片段 / no segments produced');
    const durationS = Math.round(segmentSeconds.reduce((a, b) => a + b, 0) * 1000) / 1000;
    await db
      .update(lessonVideos)
      .set({ state: 'ready', progress: 100, error: null, durationS, segmentSeconds, readyAt: new Date() })
      .where(eq(lessonVideos.id, videoId));
    await fs.rm(source, { force: true });
  } catch (err) {
    if (job.signal.aborted) {
      await db.update(lessonVideos).set({ state: 'queued', progress: 0 }).where(eq(lessonVideos.id, videoId));
      throw err;
    }
    const reason = err instanceof Error ? err.message : String(err);
    await db
      .update(lessonVideos)
      .set({ state: job.final ? 'failed' : 'queued', progress: 0, error: reason.slice(0, 500) })
      .where(eq(lessonVideos.id, videoId));
    throw err;
  }
}

/** Runs ffmpeg, reporting `out_time_us` progress in seconds; rejects with the tail of stderr. */
function runFfmpeg(bin: string, args: string[], signal: AbortSignal, onSeconds: (s: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], signal });
    let stderr = '';
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^out_time_us=(\d+)/.exec(line);
        if (m) onSeconds(Number(m[1]) / 1e6);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on('error', (err) => reject(err));
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const tail = stderr.trim().split('\n').slice(-3).join(' ').trim();
      reject(new Error(`ffmpeg 转码失败（退出码 ${code}）：${tail || 'no output'}`));
    });
  });
}
