import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const boolish = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(64).default(6),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Show the SMS development outbox (page and API). Defaults to on outside production. */
  SMS_DEV_OUTBOX: boolish,
  /** Seed demo data into an empty database at start. */
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  /** Largest teacher import workbook accepted (TCH-2); streamed, so memory does not grow with it. */
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(30 * 1024 * 1024),
  /** How much an import workbook may unpack to (zip bombs); a 50,000-row sheet unpacks to about 15 MB. */
  IMPORT_MAX_UNPACKED_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(200 * 1024 * 1024),
  /** CRS-4: largest lesson video accepted (bytes); uploads arrive in chunks, so this is not a request limit. */
  VIDEO_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024 * 1024),
  /** Size of one resumable-upload chunk (bytes). */
  UPLOAD_CHUNK_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(8 * 1024 * 1024),
  /** ffmpeg and ffprobe binaries (transcoding to HLS); found on PATH by default. */
  FFMPEG_PATH: z.string().default('ffmpeg'),
  FFPROBE_PATH: z.string().default('ffprobe'),
  /** Run background jobs (transcoding) in this process. */
  JOBS: z.enum(['true', 'false']).default('true'),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  SMS_RATE_PER_HOUR: z.coerce.number().int().min(1).default(20),
  SESSION_TTL_HOURS: z.coerce.number().min(0.1).default(12),
  COOKIE_SECURE: boolish,
  TRUST_PROXY: boolish,
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  dbPoolSize: number;
  logLevel: string;
  smsDevOutbox: boolean;
  seedDemo: boolean;
  bodyLimit: number;
  importMaxBytes: number;
  importMaxUnpackedBytes: number;
  videoMaxBytes: number;
  uploadChunkBytes: number;
  ffmpegPath: string;
  ffprobePath: string;
  jobs: boolean;
  loginRatePerMinute: number;
  smsRatePerHour: number;
  sessionTtlMs: number;
  cookieSecure: boolean;
  trustProxy: boolean;
};

/** Reads the environment once; the only place in the server that touches process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL || undefined,
    dbPoolSize: c.DB_POOL_SIZE,
    logLevel: c.LOG_LEVEL,
    smsDevOutbox: env.SMS_DEV_OUTBOX === undefined ? c.NODE_ENV !== 'production' : c.SMS_DEV_OUTBOX,
    seedDemo: c.SEED_DEMO === 'true',
    bodyLimit: c.BODY_LIMIT_BYTES,
    importMaxBytes: c.IMPORT_MAX_BYTES,
    importMaxUnpackedBytes: c.IMPORT_MAX_UNPACKED_BYTES,
    videoMaxBytes: c.VIDEO_MAX_BYTES,
    uploadChunkBytes: c.UPLOAD_CHUNK_BYTES,
    ffmpegPath: c.FFMPEG_PATH,
    ffprobePath: c.FFPROBE_PATH,
    jobs: c.JOBS === 'true',
    loginRatePerMinute: c.LOGIN_RATE_PER_MINUTE,
    smsRatePerHour: c.SMS_RATE_PER_HOUR,
    sessionTtlMs: c.SESSION_TTL_HOURS * 3600_000,
    cookieSecure: c.COOKIE_SECURE,
    trustProxy: c.TRUST_PROXY,
  };
}

/** Config for tests: development defaults with quiet logs and generous rate limits. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    loginRatePerMinute: 1000,
    // Uploaded files of tests go to a temporary folder, never into the developer's data.
    dataDir: path.join(os.tmpdir(), 'shixun-test'),
    smsRatePerHour: 1000,
    ...overrides,
  };
}
