import { type ChildProcess, fork } from 'node:child_process';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from '../src/bundle.ts';

/**
 * Calls between the bench and the processes it starts (the app and the BMS sandbox), over Node's
 * IPC channel. Each process runs in its own event loop, so the driver's work does not delay the
 * app's acks and the app's memory is measured alone.
 */

/** Methods a child serves: each takes one JSON value and resolves with one. */
// biome-ignore lint/suspicious/noExplicitAny: handler parameter types are checked at each call site through RpcClient.
export type RpcHandlers = Record<string, (params: any) => Promise<unknown>>;

interface RpcRequest {
  rpc: number;
  method: string;
  params: unknown;
}

type RpcReply = { rpc: number; ok: true; result: unknown } | { rpc: number; ok: false; error: string };

interface ReadyMessage {
  ready: unknown;
}

/** In a child: serves `handlers` to the parent. The child exits when the parent goes away. */
export function serveRpc(handlers: RpcHandlers, onDisconnect: () => Promise<void>): void {
  process.on('message', (message: RpcRequest) => {
    const handler = Object.hasOwn(handlers, message.method) ? handlers[message.method] : undefined;
    const reply = (body: RpcReply) => process.send?.(body);
    if (!handler) {
      reply({ rpc: message.rpc, ok: false, error: `unknown method ${message.method}` });
      return;
    }
    handler(message.params).then(
      (result) => reply({ rpc: message.rpc, ok: true, result }),
      (error: unknown) =>
        reply({
          rpc: message.rpc,
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
    );
  });
  process.once('disconnect', () => {
    onDisconnect().finally(() => process.exit(0));
  });
}

/** In a child: sends the parent the ready message, with what the parent needs to reach the child. */
export function announceReady(info: unknown): void {
  process.send?.({ ready: info } satisfies ReadyMessage);
}

export interface RpcClient<Handlers extends RpcHandlers> {
  call<Method extends keyof Handlers & string>(
    method: Method,
    ...params: Parameters<Handlers[Method]> extends [] ? [] : [Parameters<Handlers[Method]>[0]]
  ): Promise<Awaited<ReturnType<Handlers[Method]>>>;
}

export interface ChildHandle<Ready, Handlers extends RpcHandlers> {
  ready: Ready;
  client: RpcClient<Handlers>;
  pid: number | undefined;
  /** Disconnects, which makes the child close its servers and exit; kills it if it has not exited within 10 s. */
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;
const EXIT_TIMEOUT_MS = 10_000;

/**
 * Starts `module` (a path relative to this folder) with `nodeOptions` and `env` added, and waits
 * for its ready message. The module is bundled first and runs on plain Node, as `npm start` runs
 * the app, so that its memory and CPU are production's and not tsx's.
 */
export async function startChild<Ready, Handlers extends RpcHandlers>(
  module: string,
  argument: unknown,
  nodeOptions: readonly string[] = [],
  env: Readonly<Record<string, string>> = {},
): Promise<ChildHandle<Ready, Handlers>> {
  const source = fileURLToPath(new URL(module, import.meta.url));
  const folder = fileURLToPath(new URL('../node_modules/.cache/bms-slack-bench/', import.meta.url));
  await bundle(source, folder);
  const path = join(folder, `${basename(module, '.ts')}.js`);
  const child = fork(path, [JSON.stringify(argument)], {
    execArgv: ['--enable-source-maps', ...nodeOptions],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await waitForReady<Ready>(child, module);

  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  child.on('message', (message: RpcReply) => {
    const caller = waiting.get(message.rpc);
    if (!caller) return;
    waiting.delete(message.rpc);
    if (message.ok) caller.resolve(message.result);
    else caller.reject(new Error(`${module}: ${message.error}`));
  });
  child.once('exit', (code) => {
    for (const caller of waiting.values()) caller.reject(new Error(`${module} exited with code ${code}`));
    waiting.clear();
  });

  const client = {
    call(method: string, params?: unknown) {
      return new Promise<unknown>((resolve, reject) => {
        const rpc = nextId++;
        waiting.set(rpc, { resolve, reject });
        child.send({ rpc, method, params } satisfies RpcRequest);
      });
    },
  } as RpcClient<Handlers>;

  return {
    ready,
    client,
    pid: child.pid,
    close: () => stopChild(child),
  };
}

function waitForReady<Ready>(child: ChildProcess, module: string): Promise<Ready> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${module} did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    const onMessage = (message: ReadyMessage) => {
      if (!('ready' in message)) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message.ready as Ready);
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${module} exited with code ${code} before it was ready`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.disconnect();
    else child.kill();
  });
}
