import { invalidField, type Reply } from './envelope.ts';
import type { SandboxUser } from './fixtures.ts';
import type { QueryReader } from './query.ts';
import type { SandboxState } from './state.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface BaseContext {
  state: SandboxState;
  params: Record<string, string>;
  query: QueryReader;
}

/** A route that needs a bearer token; `body` is the parsed JSON body when the route takes one. */
export interface AuthorizedContext extends BaseContext {
  user: SandboxUser;
  body: unknown;
}

/** The login and refresh routes: no bearer token, and a form body. */
export interface FormContext extends BaseContext {
  form: Map<string, string>;
}

export interface AuthorizedRoute {
  kind: 'authorized';
  method: HttpMethod;
  template: string;
  /** Whether the route reads a JSON body. */
  jsonBody: boolean;
  handle(context: AuthorizedContext): Reply;
}

export interface FormRoute {
  kind: 'form';
  method: HttpMethod;
  template: string;
  handle(context: FormContext): Reply;
}

export type Route = AuthorizedRoute | FormRoute;

export function get(template: string, handle: (context: AuthorizedContext) => Reply): AuthorizedRoute {
  return { kind: 'authorized', method: 'GET', template, jsonBody: false, handle };
}

export function del(template: string, handle: (context: AuthorizedContext) => Reply): AuthorizedRoute {
  return { kind: 'authorized', method: 'DELETE', template, jsonBody: false, handle };
}

export function withJson(
  method: 'POST' | 'PUT' | 'PATCH',
  template: string,
  handle: (context: AuthorizedContext) => Reply,
): AuthorizedRoute {
  return { kind: 'authorized', method, template, jsonBody: true, handle };
}

/** Reads an integer path parameter such as `{ticketId}`; 400 when it is not one. */
export function intParam(context: BaseContext, name: string): number {
  const text = context.params[name] ?? '';
  if (!/^\d{1,10}$/.test(text) || Number(text) > 2_147_483_647) {
    throw invalidField(name, `The value '${text}' is not valid for ${name}.`);
  }
  return Number(text);
}
