import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

/**
 * The built service (`dist/`, made by `make build` before the tests) as a
 * separate process, for what only a real process shows: signals, restarts.
 */
export interface ServiceProcess {
  readonly baseUrl: string;
  readonly logLines: string[];
  readonly child: ChildProcess;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

const cli = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

export async function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [cli, 'serve'], {
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logLines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk) => stderr.push(String(chunk)));

  const port = await new Promise<number>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      logLines.push(line);
      const entry = JSON.parse(line);
      if (entry.msg === 'listening') resolve(entry.port);
    });
    exited.then((code) => reject(new Error(`service exited (${code}): ${stderr.join('')}`)));
  });

  return { baseUrl: `http://127.0.0.1:${port}`, logLines, child, exited };
}
