// Spellings of an extension that already name the detected type.
const sameType: Record<string, string[]> = { jpg: ['jpg', 'jpeg', 'jfif'], heif: ['heif', 'heic'] };
const MAX = 200;

/**
 * The name an attachment is shown and downloaded under: the uploader's file name without any
 * folder part or control characters, cut to a sane length, and ending in the extension of what the
 * file really is (a JPEG sent as "scan.pdf" downloads as "scan.pdf.jpg"). Display only — storage
 * never sees it.
 */
export function displayName(given: string | null | undefined, ext: string): string {
  const base = (given ?? '').split(/[\\/]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim();
  if (name === '.' || name === '..') name = '';
  const dot = name.lastIndexOf('.');
  const givenExt = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const ok = (sameType[ext] ?? [ext]).includes(givenExt);
  if (!name) name = 'attachment';
  const suffix = ok ? '' : `.${ext}`;
  const chars = [...name];
  if (chars.length + suffix.length > MAX) {
    // keep the end (the extension) and the start, drop the middle
    const keep = MAX - suffix.length - 1;
    name = `${chars.slice(0, keep - 16).join('')}…${chars.slice(-16).join('')}`;
  }
  return `${name}${suffix}`;
}
