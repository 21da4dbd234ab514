import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { judgeUpload } from '#domain/files/file';
import { fileExtension, fileFormats } from '#domain/files/format';
import { defaultFilePolicy } from '#domain/files/upload-request';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));
const OOXML = bytes([0x50, 0x4b, 0x03, 0x04], 'word/document.xml');
const OLE = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'compound');

/** For each type: a name and first bytes that are its own. */
const samples: Record<string, { name: string; head: Buffer }> = {
  'application/pdf': { name: 'Quyết định.PDF', head: bytes('%PDF-1.7\n') },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { name: 'Tờ trình.docx', head: OOXML },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { name: 'Bảng.xlsx', head: OOXML },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { name: 'Trình chiếu.pptx', head: OOXML },
  'application/vnd.oasis.opendocument.text': { name: 'a.odt', head: OOXML },
  'application/vnd.oasis.opendocument.spreadsheet': { name: 'a.ods', head: OOXML },
  'application/msword': { name: 'Công văn.doc', head: OLE },
  'application/vnd.ms-excel': { name: 'a.xls', head: OLE },
  'application/vnd.ms-powerpoint': { name: 'a.ppt', head: OLE },
  'image/png': { name: 'scan.png', head: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  'image/jpeg': { name: 'scan.jpeg', head: bytes([0xff, 0xd8, 0xff, 0xe0]) },
  'image/gif': { name: 'a.gif', head: bytes('GIF89a') },
  'image/tiff': { name: 'scan.tif', head: bytes([0x4d, 0x4d, 0x00, 0x2a]) },
  'image/webp': { name: 'a.webp', head: bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 ') },
  'application/zip': { name: 'dinh-kem.zip', head: bytes([0x50, 0x4b, 0x03, 0x04]) },
  'application/x-zip-compressed': { name: 'dinh-kem.zip', head: bytes([0x50, 0x4b, 0x03, 0x04]) },
  'application/xml': { name: 'goi-tin.xml', head: bytes([0xef, 0xbb, 0xbf], ' \r\n\t<?xml version="1.0"?>') },
  'text/xml': { name: 'edoc.XML', head: bytes('<edXML:edXMLEnvelope>') },
};

function judge(contentType: string, fileName: string, head: Buffer) {
  const sha256 = createHash('sha256').update(head).digest('hex');
  return judgeUpload({ contentType, fileName, size: head.length, sha256 }, { sha256, size: head.length, head });
}

describe('the declared type against the file name and the first bytes', () => {
  it('knows every type of the default policy, and has a sample of each known type', () => {
    for (const type of defaultFilePolicy.allowedContentTypes) expect(fileFormats[type]).toBeDefined();
    expect(Object.keys(samples).sort()).toEqual(Object.keys(fileFormats).sort());
  });

  it.each(Object.entries(samples))('stores %s named and starting as its type', (type, sample) => {
    expect(judge(type, sample.name, sample.head)).toBeUndefined();
  });

  it.each(Object.entries(samples))('rejects %s whose first bytes are another format (content-mismatch)', (type, sample) => {
    // The first bytes of a type with another signature (HTML for XML, whose only rule is a leading '<')
    const other = type.includes('xml') ? bytes('MZ\x90\x00') : (Object.values(samples).find((s) => !fileFormats[type]?.starts(s.head))?.head ?? bytes('x'));
    expect(judge(type, sample.name, other)?.code).toBe('content-mismatch');
    expect(judge(type, sample.name, bytes(''))?.code).toBe('content-mismatch');
  });

  it.each(Object.entries(samples))('rejects %s whose name has another extension (extension-mismatch)', (type, sample) => {
    expect(judge(type, 'hoa-don.exe', sample.head)?.code).toBe('extension-mismatch');
    expect(judge(type, 'hoa-don', sample.head)?.code).toBe('extension-mismatch');
  });

  it('rejects an XML file of only blank space, and a type without a known signature', () => {
    expect(judge('application/xml', 'a.xml', bytes('   \n'))?.code).toBe('content-mismatch');
    expect(judge('text/html', 'a.html', bytes('<html>'))).toMatchObject({ code: 'unsupported-type', message: expect.stringContaining('text/html') });
  });

  it('checks the size and hash first', () => {
    const head = bytes('%PDF-1.7');
    expect(judgeUpload({ contentType: 'application/pdf', fileName: 'a.exe', size: 1, sha256: 'x' }, { sha256: 'x', size: head.length, head })?.code).toBe('size-mismatch');
  });

  it('takes the extension after the last dot, in lower case', () => {
    expect(fileExtension('Báo cáo.quý 3.PDF')).toBe('.pdf');
    expect(fileExtension('.pdf')).toBe('');
    expect(fileExtension('a.')).toBe('');
    expect(fileExtension('noextension')).toBe('');
  });
});
