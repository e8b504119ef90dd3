import { describe, expect, it } from 'vitest';
import { displayName } from './names.ts';

describe('displayName', () => {
  it.each([
    ['photo.JPG', 'jpg', 'photo.JPG'],
    ['photo.jpeg', 'jpg', 'photo.jpeg'],
    ['scan.pdf', 'jpg', 'scan.pdf.jpg'],
    ['C:\\fakepath\\签收单.png', 'png', '签收单.png'],
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['a\u0000b\u202ecod.exe', 'png', 'abcod.exe.png'],
    ['', 'webp', 'attachment.webp'],
    [null, 'pdf', 'attachment.pdf'],
    ['..', 'pdf', 'attachment.pdf'],
    ['IMG_0001.HEIC', 'heif', 'IMG_0001.HEIC'],
  ])('%j as %s → %j', (given, ext, expected) => {
    expect(displayName(given, ext)).toBe(expected);
  });

  it('cuts a long name in the middle, keeping its end', () => {
    const name = displayName(`${'长'.repeat(300)}-final.pdf`, 'pdf');
    expect([...name].length).toBeLessThanOrEqual(200);
    expect(name.endsWith('长长长长长-final.pdf')).toBe(true);
  });
});
