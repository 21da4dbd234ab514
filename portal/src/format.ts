/** Dates and times as a clerk writes them: dd/mm/yyyy, Vietnam time (UTC+7), whatever the device's zone. */
const dateFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false });

/** `2026-12-03` or an instant → `03/12/2026`. */
export function vnDate(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [year, month, day] = value.split('-');
    return `${day}/${month}/${year}`;
  }
  const parts = Object.fromEntries(dateFormat.formatToParts(new Date(value)).map((part) => [part.type, part.value]));
  return `${parts.day}/${parts.month}/${parts.year}`;
}

/** An instant → `14:05 03/12/2026`. */
export function vnDateTime(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  return `${timeFormat.format(new Date(value))} ${vnDate(value)}`;
}
