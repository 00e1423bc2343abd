/** Folds case and accents so that "cafe" finds "Café" and "MULLER" finds "Müller". */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
