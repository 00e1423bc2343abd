/** Ticket numbers read `T` + yyyymmdd of the open date (UTC) + `.` + a four-digit daily sequence. */

export function ticketDay(openDate: string): string {
  return new Date(openDate).toISOString().slice(0, 10).replaceAll('-', '');
}

export function formatTicketNumber(day: string, sequence: number): string {
  return `T${day}.${String(sequence).padStart(4, '0')}`;
}
