/**
 * Reads the errors that the Slack SDK throws: Web API refusals (`ok: false`), rate limits,
 * failed requests and failed posts to a response URL. Matched on the SDK's `code` strings
 * (@slack/web-api 7/8, @slack/bolt 4/5) so that no SDK class has to be imported here.
 */

export interface SlackFailure {
  /** Slack's error code (`not_in_channel`, `expired_trigger_id`, ...) or one named here for transport failures. */
  code: string;
  retryAfterSeconds?: number;
}

export function slackFailureOf(error: unknown): SlackFailure | undefined {
  if (!(error instanceof Error) || !('code' in error)) return undefined;
  const withData = error as Error & {
    code: unknown;
    data?: { error?: unknown };
    retryAfter?: unknown;
    statusCode?: unknown;
  };
  switch (withData.code) {
    case 'slack_webapi_platform_error':
      return { code: typeof withData.data?.error === 'string' ? withData.data.error : 'platform_error' };
    case 'slack_webapi_rate_limited_error':
      return {
        code: 'rate_limited',
        retryAfterSeconds: typeof withData.retryAfter === 'number' ? withData.retryAfter : undefined,
      };
    case 'slack_webapi_request_error':
      return { code: 'request_failed' };
    case 'slack_webapi_http_error':
      return { code: `http_${String(withData.statusCode)}` };
    case 'slack_bolt_respond_error':
      return { code: 'response_url_failed' };
    default:
      return undefined;
  }
}
