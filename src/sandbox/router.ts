/**
 * A small router that matches a request path against path templates such as
 * `/v2/servicedesk/tickets/{ticketId}`. Stats and faults refer to routes by these templates.
 */

export interface CompiledTemplate {
  template: string;
  pattern: RegExp;
  parameterNames: string[];
}

export interface TemplateMatch<T> {
  route: T;
  template: string;
  params: Record<string, string>;
}

export function compileTemplate(template: string): CompiledTemplate {
  const parameterNames: string[] = [];
  const source = template
    .split('/')
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (parameter?.[1]) {
        parameterNames.push(parameter[1]);
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  // BMS paths are matched case-insensitively, like the ASP.NET routing in front of the real API.
  return { template, pattern: new RegExp(`^${source}/?$`, 'i'), parameterNames };
}

export class Router<T extends { method: string; template: string }> {
  private readonly entries: { route: T; compiled: CompiledTemplate }[] = [];

  add(route: T): void {
    this.entries.push({ route, compiled: compileTemplate(route.template) });
  }

  /**
   * Finds the route of a method and path. `methodMismatch` is true when the path exists but
   * only with other methods, so that the server can return 405 instead of 404.
   */
  match(method: string, path: string): { found?: TemplateMatch<T>; methodMismatch: boolean } {
    let methodMismatch = false;
    for (const { route, compiled } of this.entries) {
      const result = compiled.pattern.exec(path);
      if (!result) continue;
      if (route.method !== method) {
        methodMismatch = true;
        continue;
      }
      const params: Record<string, string> = {};
      compiled.parameterNames.forEach((name, index) => {
        params[name] = decodePathSegment(result[index + 1] ?? '');
      });
      return { found: { route, template: route.template, params }, methodMismatch: false };
    }
    return { methodMismatch };
  }

  /** The template a path belongs to whatever the method, for stats of unmatched methods. */
  templateOf(path: string): string | undefined {
    return this.entries.find(({ compiled }) => compiled.pattern.test(path))?.route.template;
  }
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
