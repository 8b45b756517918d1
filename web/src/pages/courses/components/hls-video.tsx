import { Alert } from 'antd';
import Hls from 'hls.js';
import { type CSSProperties, type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  /** The HLS playlist (`video.playlistUrl`). */
  src: string;
  /** Where to start (seconds), e.g. the saved position. */
  startAt?: number;
  ref?: Ref<HTMLVideoElement>;
  style?: CSSProperties;
  testId?: string;
};

/**
 * A lesson video: hls.js where the browser has Media Source Extensions, the browser's own HLS
 * otherwise (Safari on iOS). The instructor's preview, the reviewer's check and the student's
 * player all use this one element.
 */
export function HlsVideo({ src, startAt, ref, style, testId }: Props) {
  const { t } = useTranslation();
  const inner = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<'notAvailable' | 'loadFailed' | 'unsupported' | null>(null);
  useImperativeHandle(ref, () => inner.current as HTMLVideoElement, []);
  // The start position matters once, when the source loads; a later change must not reload the video.
  const start = useRef(startAt);
  start.current = startAt;

  useEffect(() => {
    const video = inner.current;
    if (!video) return;
    setError(null);
    const startPosition = start.current && start.current > 0 ? start.current : -1;
    if (Hls.isSupported()) {
      // Transmuxing stays on the main thread: a worker would need a blob: script the page's CSP does not allow.
      const hls = new Hls({ startPosition, capLevelToPlayerSize: true, enableWorker: false });
      let recovered = false;
      hls.on(Hls.Events.ERROR, (_e, data) => {
        if (!data.fatal) return;
        if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !recovered) {
          recovered = true;
          hls.recoverMediaError();
          return;
        }
        const status = data.response?.code;
        setError(status === 403 || status === 404 ? 'notAvailable' : 'loadFailed');
      });
      hls.loadSource(src);
      hls.attachMedia(video);
      return () => hls.destroy();
    }
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = src;
      const seek = () => {
        if (startPosition > 0) video.currentTime = startPosition;
      };
      const fail = () => setError('loadFailed');
      video.addEventListener('loadedmetadata', seek, { once: true });
      video.addEventListener('error', fail);
      return () => {
        video.removeEventListener('loadedmetadata', seek);
        video.removeEventListener('error', fail);
        video.removeAttribute('src');
        video.load();
      };
    }
    setError('unsupported');
    return undefined;
  }, [src]);

  return (
    <div>
      {/* biome-ignore lint/a11y/useMediaCaption: lesson videos come without caption tracks */}
      <video
        ref={inner}
        controls
        playsInline
        preload="metadata"
        data-testid={testId}
        style={{ width: '100%', aspectRatio: '16 / 9', background: '#000', borderRadius: 6, display: 'block', ...style }}
      />
      {error ? (
        <Alert type="error" showIcon title={t(`course.player.${error}`)} style={{ marginTop: 8 }} data-testid={testId ? `${testId}-error` : undefined} />
      ) : null}
    </div>
  );
}
