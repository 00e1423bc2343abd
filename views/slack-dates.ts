/**
 * Formats a BMS date-time as Slack's date token, which every reader sees in their own time
 * zone; the fallback after `|` is shown by clients that cannot render the token.
 */
export function slackDate(
  iso: string | null | undefined,
  format = '{date_short_pretty} {time}',
): string | undefined {
  if (!iso) return undefined;
  const milliseconds = Date.parse(iso);
  if (Number.isNaN(milliseconds)) return undefined;
  const seconds = Math.floor(milliseconds / 1000);
  const fallback = new Date(milliseconds).toISOString().replace('T', ' ').slice(0, 16);
  return `<!date^${seconds}^${format}|${fallback} UTC>`;
}
