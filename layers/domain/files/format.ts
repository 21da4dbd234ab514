/**
 * What a file of each accepted type looks like: the file name extensions that go with it and its first
 * bytes (its "magic number"). A file whose name or first bytes say something else than its declared type
 * is rejected by the upload check: a renamed executable or HTML page is not stored as a PDF, and a clerk
 * opening a file gets what its name and type promise.
 */
export interface FileFormat {
  /** How a clerk calls it (Vietnamese messages). */
  readonly label: string;
  /** Lower-case, with the dot. */
  readonly extensions: readonly string[];
  /** True when a file starting with these bytes is of this format. */
  readonly starts: (head: Uint8Array) => boolean;
}

/** Bytes to read from the start of a file: enough for every signature below, and for XML after a BOM and blank lines. */
export const FORMAT_HEAD_BYTES = 1024;

const PDF = ascii('%PDF-');
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound file: legacy Word, Excel, PowerPoint. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const TIFF_LE = [0x49, 0x49, 0x2a, 0x00];
const TIFF_BE = [0x4d, 0x4d, 0x00, 0x2a];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

const startsWith = (signature: readonly number[]) => (head: Uint8Array) => signature.every((byte, i) => head[i] === byte);
const zip = startsWith(ZIP);
const ole = startsWith(OLE);

/** Every type a file policy may allow (layers/adapters/s3/file-policy.ts refuses a type missing here). */
export const fileFormats: Readonly<Record<string, FileFormat>> = {
  'application/pdf': { label: 'PDF', extensions: ['.pdf'], starts: startsWith(PDF) },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word (.docx)', extensions: ['.docx'], starts: zip },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel (.xlsx)', extensions: ['.xlsx'], starts: zip },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { label: 'PowerPoint (.pptx)', extensions: ['.pptx'], starts: zip },
  'application/vnd.oasis.opendocument.text': { label: 'OpenDocument (.odt)', extensions: ['.odt'], starts: zip },
  'application/vnd.oasis.opendocument.spreadsheet': { label: 'OpenDocument (.ods)', extensions: ['.ods'], starts: zip },
  'application/msword': { label: 'Word (.doc)', extensions: ['.doc'], starts: ole },
  'application/vnd.ms-excel': { label: 'Excel (.xls)', extensions: ['.xls'], starts: ole },
  'application/vnd.ms-powerpoint': { label: 'PowerPoint (.ppt)', extensions: ['.ppt'], starts: ole },
  'image/png': { label: 'ảnh PNG', extensions: ['.png'], starts: startsWith(PNG) },
  'image/jpeg': { label: 'ảnh JPEG', extensions: ['.jpg', '.jpeg'], starts: startsWith(JPEG) },
  'image/gif': { label: 'ảnh GIF', extensions: ['.gif'], starts: (head) => startsWith(ascii('GIF87a'))(head) || startsWith(ascii('GIF89a'))(head) },
  'image/tiff': { label: 'ảnh TIFF', extensions: ['.tif', '.tiff'], starts: (head) => startsWith(TIFF_LE)(head) || startsWith(TIFF_BE)(head) },
  'image/webp': { label: 'ảnh WebP', extensions: ['.webp'], starts: (head) => startsWith(ascii('RIFF'))(head) && startsWith(ascii('WEBP'))(head.subarray(8)) },
  'application/zip': { label: 'tệp nén ZIP', extensions: ['.zip'], starts: zip },
  'application/x-zip-compressed': { label: 'tệp nén ZIP', extensions: ['.zip'], starts: zip },
  'application/xml': { label: 'XML', extensions: ['.xml'], starts: startsLikeXml },
  'text/xml': { label: 'XML', extensions: ['.xml'], starts: startsLikeXml },
};

/**
 * The extension of a file name, lower-case with its dot; `''` when it has none.
 *
 * @example
 * fileExtension('Quyết định 15.PDF') // '.pdf'
 */
export function fileExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 || dot === fileName.length - 1 ? '' : fileName.slice(dot).toLowerCase();
}

/** XML: `<` (a declaration `<?xml`, a comment or the root element), after an optional UTF-8 BOM and white space. */
function startsLikeXml(head: Uint8Array): boolean {
  let i = startsWith(UTF8_BOM)(head) ? UTF8_BOM.length : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i += 1;
  return head[i] === 0x3c;
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}
