const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Decodes a CSV file the way it was most likely saved. Excel writes UTF-8 only when asked
 * ("CSV UTF-8"); by default it uses the system code page: GB18030/GBK in Chinese Windows,
 * Shift_JIS in Japanese Windows. "Unicode text" is UTF-16LE with a BOM.
 */
export function decodeText(buf: Buffer): string {
  if (UTF8_BOM.every((b, i) => buf[i] === b)) return new TextDecoder('utf-8').decode(buf.subarray(3));
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return decodeLegacyCjk(buf);
  }
}

// Both legacy encodings accept most byte sequences, so decode with both and look at the result:
// Japanese text is full of kana, which GBK-encoded Chinese almost never decodes into.
function decodeLegacyCjk(buf: Buffer): string {
  const gb = new TextDecoder('gb18030').decode(buf);
  const sjis = tryDecode('shift_jis', buf);
  if (sjis === null) return gb;
  const kana = countMatches(sjis, /[\u3041-\u30ff]/g);
  const nonAscii = countMatches(sjis, /[\u0080-\u{10ffff}]/gu);
  return kana > 0 && kana * 5 >= nonAscii ? sjis : gb;
}

function tryDecode(encoding: string, buf: Buffer): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(buf);
  } catch {
    return null;
  }
}

function countMatches(text: string, re: RegExp): number {
  return text.match(re)?.length ?? 0;
}
