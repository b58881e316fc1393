import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applications, auditLog, documents, organisations } from '@/db/schema';
import type { ApplicationState } from '@/lib/domain/workflow/application-states';
import { DOCUMENT_MAX_BYTES, MAX_DOCUMENTS_PER_APPLICATION } from '@/lib/domain/file-sniff';
import type { Actor } from '@/lib/server/auth/actor';
import { deleteDocument } from '@/lib/server/documents/delete-document';
import { listDocuments } from '@/lib/server/documents/list-documents';
import { readDocument } from '@/lib/server/documents/read-document';
import { DocumentTooLargeError, uploadDocument } from '@/lib/server/documents/upload-document';
import { createFileStore, type FileStore } from '@/lib/server/storage/file-store';
import { describeDb } from '../helpers/test-db';
import { actorOf, createUser, ensureReferenceData, tableCounts } from '../helpers/factories';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(300)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF'), crypto.randomBytes(200), Buffer.from([0xff, 0xd9])]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** The content as a stream of chunks, like a request body. */
async function* chunked(buf: Buffer, size = 100) {
  for (let i = 0; i < buf.length; i += size) yield new Uint8Array(buf.subarray(i, i + size));
}

/** `total` bytes of a valid PNG header followed by filler, in 1 MiB chunks, never held in memory at once. */
async function* bigPng(total: number) {
  const chunk = Buffer.alloc(1024 * 1024, 7);
  PNG.copy(chunk, 0, 0, 8);
  for (let sent = 0; sent < total; ) {
    const n = Math.min(chunk.length, total - sent);
    yield new Uint8Array(chunk.subarray(0, n));
    sent += n;
  }
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const bytesOf = async (s: ReadableStream<Uint8Array>) => Buffer.from(await new Response(s).arrayBuffer());

describeDb('supporting documents: upload, list, read, delete', (ctx) => {
  let root: string;
  let store: FileStore;
  const deps = () => ({ store });
  const db = () => ctx.h.db;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-docs-'));
    store = createFileStore(root);
    await ensureReferenceData(ctx.h.db);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  async function orgId(code: string) {
    const [o] = await db().select({ id: organisations.id }).from(organisations).where(eq(organisations.code, code));
    return o.id;
  }
  async function applicant(): Promise<Actor> {
    return actorOf(await createUser(db(), { role: 'applicant' }));
  }
  async function staff(role: 'bank_officer' | 'hr_reviewer' | 'auditor' | 'finance_officer', orgCode?: string): Promise<Actor> {
    return actorOf(await createUser(db(), { role, orgCode }));
  }
  async function newApplication(owner: Actor, patch: { state?: ApplicationState; bankOrgId?: number } = {}) {
    const [app] = await db()
      .insert(applications)
      .values({ applicantId: owner.userId, loanType: 'individual', formEnc: 'x', applicantName: '测试申请人', ...patch })
      .returning({ id: applications.id });
    return app.id;
  }
  const setState = (id: string, state: ApplicationState, bankOrgId?: number) => db().update(applications).set({ state, bankOrgId }).where(eq(applications.id, id));
  const upload = (actor: Actor, applicationId: string, kind: string, content: Buffer | AsyncIterable<Uint8Array>, fileName = 'a.png') =>
    uploadDocument(db(), actor, { applicationId, kind, fileName, content: Buffer.isBuffer(content) ? chunked(content) : content }, deps());
  /** Rows, audit rows and files: what a refusal must leave untouched. */
  const snapshot = async () => {
    const n = await tableCounts(db(), ['documents', 'audit_log']);
    return { documents: n.documents, audit_log: n.audit_log, files: filesUnder(root).length };
  };
  const auditEvents = (event: string, objectId: string) =>
    db().select().from(auditLog).where(and(eq(auditLog.event, event), eq(auditLog.objectId, objectId)));

  it('the owner uploads PNG, JPEG and PDF: typed by content, stored under a random key with its sha256, audited', async () => {
    const owner = await applicant();
    const appId = await newApplication(owner);
    const before = await snapshot();

    const png = await upload(owner, appId, 'id_card', PNG, '../../etc/身份证.pdf'); // the name says PDF, the content is PNG
    const jpeg = await upload(owner, appId, 'category_proof', JPEG, 'C:\\fakepath\\证明.jpg');
    const pdf = await upload(owner, appId, 'business_licence', PDF, '营业执照.pdf');
    expect(png).toMatchObject({ kind: 'id_card', mime: 'image/png', originalName: '身份证.pdf', sizeBytes: PNG.length, sha256: sha256(PNG) });
    expect(jpeg).toMatchObject({ mime: 'image/jpeg', originalName: '证明.jpg', sha256: sha256(JPEG) });
    expect(pdf).toMatchObject({ mime: 'application/pdf', sha256: sha256(PDF) });
    expect(png).not.toHaveProperty('storageKey');

    for (const [dto, content] of [[png, PNG], [jpeg, JPEG], [pdf, PDF]] as const) {
      const [row] = await db().select().from(documents).where(eq(documents.id, dto.id));
      expect(row.storageKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{30}$/);
      expect(row.ownerId).toBe(owner.userId);
      const onDisk = fs.readFileSync(path.join(root, row.storageKey));
      expect(sha256(onDisk)).toBe(row.sha256);
      expect(onDisk.equals(content)).toBe(true);
      const [audit] = await auditEvents('document.upload', dto.id);
      expect(audit).toMatchObject({ actorId: owner.userId, objectType: 'document', result: 'success' });
      expect(audit.detail).toEqual({ applicationId: appId, kind: dto.kind, size: content.length, sha256: sha256(content) });
    }
    expect(await snapshot()).toEqual({ documents: before.documents + 3, audit_log: before.audit_log + 3, files: before.files + 3 });
    expect(filesUnder(path.join(root, '.tmp'))).toEqual([]);

    const listed = await listDocuments(db(), owner, { applicationId: appId });
    expect(listed.map((d) => d.id)).toEqual([pdf.id, jpeg.id, png.id]); // newest first
    expect(listed.every((d) => !('storageKey' in d))).toBe(true);

    const read = await readDocument(db(), owner, { documentId: png.id }, deps());
    expect(read.meta).toEqual(png);
    expect((await bytesOf(read.stream)).equals(PNG)).toBe(true);
    expect(await auditEvents('document.view', png.id)).toHaveLength(0); // the owner's own reads are not "views"
  });

  it('a text file named photo.jpg is refused by its content and nothing is stored', async () => {
    const owner = await applicant();
    const appId = await newApplication(owner);
    const before = await snapshot();
    for (const fake of [Buffer.from('this is not an image'), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), Buffer.from('<html>%PDF-</html>'), Buffer.alloc(0)]) {
      await expect(upload(owner, appId, 'id_card', fake, 'photo.jpg')).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        userMessage: '仅支持 JPEG、PNG 或 PDF 文件（按文件内容识别）',
      });
    }
    expect(await snapshot()).toEqual(before);
    expect(await listDocuments(db(), owner, { applicationId: appId })).toEqual([]);
  });

  it('a stream past 10 MiB is refused while it is read and nothing is stored; exactly 10 MiB is accepted', async () => {
    const owner = await applicant();
    const appId = await newApplication(owner);
    const before = await snapshot();
    let pulled = 0;
    async function* counted() {
      for await (const c of bigPng(DOCUMENT_MAX_BYTES + 5 * 1024 * 1024)) {
        pulled += c.length;
        yield c;
      }
    }
    const err = await upload(owner, appId, 'other', counted()).catch((e) => e);
    expect(err).toBeInstanceOf(DocumentTooLargeError);
    expect(err).toMatchObject({ code: 'INVALID_INPUT', userMessage: '文件不能超过 10 MB', httpStatus: 413 });
    expect(pulled).toBeLessThanOrEqual(DOCUMENT_MAX_BYTES + 1024 * 1024); // stopped reading at the limit, not at the end
    await expect(upload(owner, appId, 'other', bigPng(DOCUMENT_MAX_BYTES + 1))).rejects.toBeInstanceOf(DocumentTooLargeError);
    expect(await snapshot()).toEqual(before);

    const ok = await upload(owner, appId, 'other', bigPng(DOCUMENT_MAX_BYTES));
    expect(ok.sizeBytes).toBe(DOCUMENT_MAX_BYTES);
    expect(await snapshot()).toEqual({ documents: before.documents + 1, audit_log: before.audit_log + 1, files: before.files + 1 });
  });

  it('a body that breaks off mid-stream leaves nothing behind', async () => {
    const owner = await applicant();
    const appId = await newApplication(owner);
    const before = await snapshot();
    async function* aborted() {
      yield new Uint8Array(PNG);
      throw new Error('client went away');
    }
    await expect(upload(owner, appId, 'other', aborted())).rejects.toThrow('client went away');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an unknown kind, a non-applicant and more than 20 documents, storing nothing', async () => {
    const owner = await applicant();
    const appId = await newApplication(owner);
    const before = await snapshot();
    await expect(upload(owner, appId, 'passport', PNG)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(upload(await staff('hr_reviewer'), appId, 'id_card', PNG)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await snapshot()).toEqual(before);

    const values = Array.from({ length: MAX_DOCUMENTS_PER_APPLICATION - 1 }, (_, i) => ({
      applicationId: appId, ownerId: owner.userId, kind: 'other' as const, originalName: `${i}.png`, mime: 'image/png' as const,
      sizeBytes: 1, sha256: 'x', storageKey: `00/${String(i).padStart(30, '0')}`, createdAt: new Date(),
    }));
    await db().insert(documents).values(values);
    await upload(owner, appId, 'other', PNG); // the 20th
    const full = await snapshot();
    await expect(upload(owner, appId, 'other', PNG)).rejects.toMatchObject({ code: 'INVALID_INPUT', userMessage: expect.stringContaining('最多上传 20 个文件') });
    expect(await snapshot()).toEqual(full);
  });

  it("another applicant's ids are NOT_FOUND for list, read, delete and upload", async () => {
    const owner = await applicant();
    const other = await applicant();
    const appId = await newApplication(owner);
    const doc = await upload(owner, appId, 'id_card', PNG);
    const before = await snapshot();
    await expect(listDocuments(db(), other, { applicationId: appId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(readDocument(db(), other, { documentId: doc.id }, deps())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deleteDocument(db(), other, { documentId: doc.id }, deps())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(upload(other, appId, 'id_card', PNG)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Malformed ids are "not found" too, never a database error.
    await expect(readDocument(db(), other, { documentId: '------------------------------------' }, deps())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listDocuments(db(), other, { applicationId: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshot()).toEqual(before);
    expect(await listDocuments(db(), owner, { applicationId: appId })).toHaveLength(1);
  });

  it("a bank sees only the documents of applications routed to it; a non-owner's view is audited", async () => {
    const owner = await applicant();
    const appId = await newApplication(owner);
    const doc = await upload(owner, appId, 'business_licence', PDF, '营业执照.pdf');
    const abc = await staff('bank_officer', 'BANK-ABC-KZ');
    const rcb = await staff('bank_officer', 'BANK-CQRCB-KZ');
    const hr = await staff('hr_reviewer', 'KZ-EMP');
    const finance = await staff('finance_officer', 'KZ-FIN');

    // A draft is the applicant's private work.
    await expect(listDocuments(db(), hr, { applicationId: appId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(readDocument(db(), hr, { documentId: doc.id }, deps())).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await setState(appId, 'pending_bank', await orgId('BANK-ABC-KZ'));
    const before = await snapshot();
    await expect(listDocuments(db(), rcb, { applicationId: appId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(readDocument(db(), rcb, { documentId: doc.id }, deps())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(readDocument(db(), finance, { documentId: doc.id }, deps())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await snapshot()).toEqual(before);

    expect((await listDocuments(db(), abc, { applicationId: appId })).map((d) => d.id)).toEqual([doc.id]);
    const read = await readDocument(db(), abc, { documentId: doc.id, download: true }, deps());
    expect((await bytesOf(read.stream)).equals(PDF)).toBe(true);
    const views = await auditEvents('document.view', doc.id);
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ actorId: abc.userId, actorRole: 'bank_officer', objectType: 'document' });
    expect(views[0].detail).toEqual({ applicationId: appId, kind: 'business_licence', download: true });

    await readDocument(db(), hr, { documentId: doc.id }, deps()).then((r) => r.stream.cancel());
    expect(await auditEvents('document.view', doc.id)).toHaveLength(2);
    expect(await snapshot()).toEqual({ ...before, audit_log: before.audit_log + 2 });
  });

  it('documents cannot be added or deleted once the application is under review', async () => {
    const owner = await applicant();
    const appId = await newApplication(owner);
    const doc = await upload(owner, appId, 'id_card', PNG);
    await setState(appId, 'pending_hr');
    const before = await snapshot();
    const locked = { code: 'CONFLICT', userMessage: '申请已提交审核，当前不能修改材料' };
    await expect(upload(owner, appId, 'other', JPEG)).rejects.toMatchObject(locked);
    await expect(deleteDocument(db(), owner, { documentId: doc.id }, deps())).rejects.toMatchObject(locked);
    expect(await snapshot()).toEqual(before);

    await setState(appId, 'returned');
    await upload(owner, appId, 'other', JPEG); // a returned application may be supplemented
  });

  it('delete hides the document, removes its file and is audited; twice is NOT_FOUND', async () => {
    const owner = await applicant();
    const appId = await newApplication(owner);
    const keep = await upload(owner, appId, 'id_card', PNG);
    const doc = await upload(owner, appId, 'id_card', JPEG);
    const [row] = await db().select().from(documents).where(eq(documents.id, doc.id));
    const file = path.join(root, row.storageKey);
    expect(fs.existsSync(file)).toBe(true);

    await deleteDocument(db(), owner, { documentId: doc.id }, deps());
    expect(fs.existsSync(file)).toBe(false);
    const [after] = await db().select().from(documents).where(eq(documents.id, doc.id));
    expect(after.deletedAt).toBeInstanceOf(Date);
    expect((await listDocuments(db(), owner, { applicationId: appId })).map((d) => d.id)).toEqual([keep.id]);
    await expect(readDocument(db(), owner, { documentId: doc.id }, deps())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [audit] = await auditEvents('document.delete', doc.id);
    expect(audit).toMatchObject({ actorId: owner.userId });
    expect(audit.detail).toMatchObject({ applicationId: appId, kind: 'id_card' });

    const before = await snapshot();
    await expect(deleteDocument(db(), owner, { documentId: doc.id }, deps())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshot()).toEqual(before);
  });
});
