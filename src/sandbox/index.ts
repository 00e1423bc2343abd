export { INJECTED_REFUSAL_CODE } from './fault-replies.ts';
export { FAULT_KINDS, type FaultKind } from './faults.ts';
export * from './fixtures.ts';
export { AUTH_MESSAGES } from './routes/security.ts';
export { HELD_REQUEST_LIMIT_MS, startSandbox } from './server.ts';
export type { SandboxOptions, SandboxServer } from './types.ts';
