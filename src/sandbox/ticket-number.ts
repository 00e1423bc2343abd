/**
 * Ticket numbers read `T` + yyyymmdd of the open date + `.` + a four-digit daily sequence. The day
 * is the calendar date as written in OpenDate, whatever its zone offset.
 */

export function ticketDay(openDate: string): string {
  return openDate.slice(0, 10).replaceAll('-', '');
}

export function formatTicketNumber(day: string, sequence: number): string {
  return `T${day}.${String(sequence).padStart(4, '0')}`;
}
