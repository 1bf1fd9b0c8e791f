import { describe, expect, it } from 'vitest';
import { checkDocument, MAX_DOCUMENT_BYTES, safeFileName } from './documents.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('project documents', () => {
  it('accepts documents whose content matches their type', () => {
    expect(checkDocument('budget.pdf', bytes('%PDF-1.7\n…'))).toEqual({
      ok: true,
      contentType: 'application/pdf',
    });
    expect(
      checkDocument('photo.PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])),
    ).toMatchObject({ ok: true });
    expect(checkDocument('plan.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toMatchObject({
      ok: true,
    });
    expect(checkDocument('notes.txt', bytes('Réunion du 4 juillet'))).toMatchObject({ ok: true });
  });
  it('refuses executables, scripts, web pages, SVG and unknown or macro types', () => {
    expect(checkDocument('setup.exe', bytes('MZ…'))).toMatchObject({
      ok: false,
      message: expect.stringContaining('(.exe)'),
    });
    expect(checkDocument('rapport.pdf', bytes('MZ\x90\x00'))).toEqual({
      ok: false,
      message: 'Document : ce fichier contient un programme ou une page web ; il est refusé.',
    });
    expect(checkDocument('notes.txt', bytes('<html><script>alert(1)</script>'))).toMatchObject({ ok: false });
    expect(checkDocument('notes.txt', bytes('#!/bin/sh\nrm -rf /'))).toMatchObject({ ok: false });
    expect(checkDocument('logo.svg', bytes('<svg onload="x">'))).toMatchObject({ ok: false });
    expect(checkDocument('macro.docm', new Uint8Array([0x50, 0x4b, 3, 4]))).toMatchObject({ ok: false });
    expect(checkDocument('faux.pdf', bytes('pas un pdf'))).toEqual({
      ok: false,
      message: 'Document : le contenu ne correspond pas à un fichier .pdf.',
    });
  });
  it('refuses empty and oversized files', () => {
    expect(checkDocument('a.txt', new Uint8Array())).toMatchObject({
      ok: false,
      message: 'Document : le fichier est vide.',
    });
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    big.set(bytes('%PDF-'));
    expect(checkDocument('a.pdf', big)).toMatchObject({
      ok: false,
      message: 'Document : le fichier dépasse 5 Mo.',
    });
  });
  it('file names are made safe for download headers', () => {
    expect(safeFileName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(safeFileName('a"b\r\n.pdf')).toBe('a_b_.pdf');
  });
});
