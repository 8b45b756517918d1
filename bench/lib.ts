import { type ChildProcess, spawn } from 'node:child_process';
import autocannon from 'autocannon';

export type Figures = { name: string; rps: number; p50: number; p97_5: number; p99: number; errors: number; non2xx: number };

/** Runs autocannon against one URL and returns throughput and latency percentiles. */
export async function measure(name: string, opts: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ duration: 10, connections: 32, pipelining: 1, ...opts });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Starts a child process and resolves when it prints a line matching `ready`. */
export function startProcess(cmd: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) {
        child.stdout?.off('data', onData);
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d) => {
      out += d.toString();
    });
    child.on('exit', (code) => reject(new Error(`${cmd} exited with ${code}:\n${out.slice(-2000)}`)));
  });
}

export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export const pct = (x: number, c: number) => `${((100 * x) / c).toFixed(1)} %`;
