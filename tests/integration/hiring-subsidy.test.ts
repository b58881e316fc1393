import { beforeAll, expect, it } from 'vitest';
import { isUniqueViolation } from '@/db/errors';
import { subsidyBatches, subsidyLines } from '@/db/schema';
import { usccCheckChar } from '@/lib/domain/validators';
import { computeHiringSubsidy } from '@/lib/domain/rules';
import type { Actor } from '@/lib/server/auth/actor';
import { decryptPii } from '@/lib/server/crypto/pii';
import { createHiringBatch } from '@/lib/server/hiring/create-hiring-batch';
import { decideHiringFiling } from '@/lib/server/hiring/decide-hiring-filing';
import { fileHiringSubsidy, personHash } from '@/lib/server/hiring/file-hiring-subsidy';
import { findHiringQueue } from '@/lib/server/hiring/find-hiring-queue';
import { getHiringFiling } from '@/lib/server/hiring/get-hiring-filing';
import { listMyHiringFilings } from '@/lib/server/hiring/list-my-hiring-filings';
import { DEPLOYMENT_DISTRICT, getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import type { THiringFilingInput } from '@/lib/validation/hiring';
import { registerTestApplicant } from '../helpers/application-fixtures';
import { actorOf, createUser, ensureReferenceData, tableCounts } from '../helpers/factories';
import { describeDb } from '../helpers/test-db';
import { createCast, type Cast } from '../helpers/workflow-fixtures';

const WRITTEN = ['hiring_filings', 'hiring_filing_hires', 'audit_log', 'notifications', 'sms_outbox', 'subsidy_batches', 'subsidy_lines'];

let idSeq = 0;
/** A valid, unique 身份证号 (born 2000, check digit per GB 11643). */
function newId(): string {
  idSeq++;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const body = `500234200${(idSeq % 10)}0${(idSeq % 9) + 1}1${(idSeq % 9) + 1}${String(Math.floor(Math.random() * 900) + 100)}`;
  return body + '10X98765432'[[...body].reduce((s, c, i) => s + Number(c) * w[i], 0) % 11];
}
let usccSeq = 0;
function newUscc(): string {
  const body = `91500234MA${String(++usccSeq * 7919 + Math.floor(Math.random() * 1e5)).padStart(7, '0').slice(-7)}`;
  return body + usccCheckChar(body);
}

type Hire = THiringFilingInput['hires'][number];
const hire = (patch: Partial<Hire> = {}): Hire => ({ name: '张三', idNumber: newId(), category: 'graduate', contractMonths: 12, insuredMonths: 6, ...patch });
const filing = (patch: Partial<THiringFilingInput> = {}): THiringFilingInput => ({
  policyYear: 2025, scheme: 'absorb', uscc: newUscc(), enterpriseName: '开州区吸纳就业测试企业', accountName: '开州区吸纳就业测试企业', accountNo: '6228480012345678901', accountBank: '中国农业银行开州支行',
  hires: [hire()], ...patch,
});

describeDb('一次性吸纳就业补贴: filing, HR decision with the engine, never twice, batch', (ctx) => {
  let cast: Cast;
  let filer: Actor;
  let otherApplicant: Actor;
  beforeAll(async () => {
    await ensureReferenceData(ctx.h.db);
    cast = await createCast(ctx.h.db);
    filer = await registerTestApplicant(ctx.h.db, '企业经办人');
    otherApplicant = await registerTestApplicant(ctx.h.db);
  });
  const db = () => ctx.h.db;
  const counts = () => tableCounts(db(), WRITTEN);
  const version = async (id: string) => (await ctx.h.query<{ version: number }>(`select version from hiring_filings where id = $1`, [id]))[0].version;
  const approve = async (id: string, who: Actor = cast.hr) => decideHiringFiling(db(), who, { filingId: id, version: await version(id), decision: 'approve' });
  const hireAmounts = async (filingId: string) =>
    (await ctx.h.query<{ name: string; amount: string }>(`select name, amount_fen::text as amount from hiring_filing_hires where filing_id = $1 order by id`, [filingId]));

  it('an applicant files for the enterprise: 身份证号 validated, stored encrypted with a blind index and masked; bad input writes nothing', async () => {
    const before = await counts();
    const valid = newId();
    const wrongDigit = hire({ idNumber: valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1') });
    const good = newId();
    await expect(fileHiringSubsidy(db(), filer, filing({ hires: [hire(), wrongDigit] }))).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { 'hires.1.idNumber': '身份证号码校验位不正确' } });
    await expect(fileHiringSubsidy(db(), filer, filing({ hires: [hire({ idNumber: good }), hire({ idNumber: good.toLowerCase() })] })))
      .rejects.toMatchObject({ fieldErrors: { 'hires.1.idNumber': '与第 1 名人员的身份证号重复' } });
    await expect(fileHiringSubsidy(db(), filer, filing({ uscc: '91500234MA1234567A' }))).rejects.toMatchObject({ fieldErrors: { uscc: '统一社会信用代码校验位不正确' } });
    await expect(fileHiringSubsidy(db(), filer, filing({ accountNo: '12ab' }))).rejects.toMatchObject({ fieldErrors: { accountNo: '银行账号应为 8 至 30 位数字' } });
    await expect(fileHiringSubsidy(db(), filer, filing({ hires: [] }))).rejects.toMatchObject({ fieldErrors: { hires: '请至少填写一名招用人员' } });
    for (const who of [cast.hr, cast.finance, cast.bank, cast.admin, cast.auditor]) await expect(fileHiringSubsidy(db(), who, filing())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await counts()).toEqual(before);

    const id = newId();
    const { filingId, number } = await fileHiringSubsidy(db(), filer, filing({ hires: [hire({ name: '李四', idNumber: id.toLowerCase() })] }));
    expect(number).toMatch(/^XN2025\d{6}$/);
    const [h] = await ctx.h.query<{ id_number_hash: string; id_number_enc: string; id_number_masked: string; amount_fen: string | null }>(`select * from hiring_filing_hires where filing_id = $1`, [filingId]);
    expect(h.id_number_hash).toBe(personHash(id.toUpperCase()));
    expect(decryptPii(h.id_number_enc)).toBe(id.toUpperCase());
    expect(h.id_number_masked).toBe(`${id.slice(0, 3)}***********${id.slice(-4).toUpperCase()}`);
    expect(h.amount_fen).toBeNull();
    const [f] = await ctx.h.query<{ status: string; account_no_masked: string; account_no_enc: string }>(`select status, account_no_masked, account_no_enc from hiring_filings where id = $1`, [filingId]);
    expect(f.status).toBe('submitted');
    expect(f.account_no_masked).toBe('6228***********8901');
    expect(decryptPii(f.account_no_enc)).toBe('6228480012345678901');
    expect(await counts()).toEqual({ ...before, hiring_filings: before.hiring_filings + 1, hiring_filing_hires: before.hiring_filing_hires + 1, audit_log: before.audit_log + 1 });

    // Visible to the filer and HR, never to another applicant.
    expect((await listMyHiringFilings(db(), filer)).find((x) => x.id === filingId)).toMatchObject({ number, hireCount: 1, status: 'submitted', amountFen: null });
    expect((await listMyHiringFilings(db(), otherApplicant)).map((x) => x.id)).not.toContain(filingId);
    await expect(getHiringFiling(db(), otherApplicant, filingId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getHiringFiling(db(), filer, filingId)).hires[0].idNumberMasked).toBe(h.id_number_masked);
    const queue = await findHiringQueue(db(), cast.hr, { q: number });
    expect(queue.rows.map((r) => [r.number, r.hireCount, r.status])).toEqual([[number, 1, 'submitted']]);
  });

  it('HR approval: the engine computes every hire and the total (equal to its own answer); the filer is notified', async () => {
    const hires = [
      hire({ name: '毕业生甲', category: 'graduate', contractMonths: 12, insuredMonths: 6 }),
      hire({ name: '困难人员乙', category: 'hardship', contractMonths: 24, insuredMonths: 8 }),
      hire({ name: '合同太短丙', category: 'youth-unemployed', contractMonths: 11, insuredMonths: 6 }),
      hire({ name: '参保不足丁', category: 'long-term-unemployed', contractMonths: 12, insuredMonths: 5 }),
    ];
    const { filingId } = await fileHiringSubsidy(db(), filer, filing({ hires }));
    const preview = await getHiringFiling(db(), cast.hr, filingId);
    expect(preview.previewFen).toBe('800000');
    expect(preview.canDecide).toBe(true);

    const before = await counts();
    const done = await approve(filingId);
    const want = computeHiringSubsidy(
      { jurisdiction: DEPLOYMENT_DISTRICT, policyYear: 2025, scheme: 'absorb', hires: hires.map((h) => ({ category: h.category, contractMonths: h.contractMonths, insuredMonths: h.insuredMonths })) },
      await getRuleCatalog(db()),
    );
    expect(done.status).toBe('approved');
    expect(done.amountFen).toBe(want.amount);
    expect(want.amount).toBe(800000n); // 2,000 + 6,000 by hand
    expect((await hireAmounts(filingId)).map((x) => x.amount)).toEqual(want.perHire.map((p) => p.amount.toString()));
    const view = await getHiringFiling(db(), filer, filingId);
    expect(view.hires.map((h) => h.reasons)).toEqual([[], [], ['劳动合同期限不足 12 个月'], ['连续参保不足 6 个月']]);
    expect(await counts()).toEqual({ ...before, audit_log: before.audit_log + 1, notifications: before.notifications + 1, sms_outbox: before.sms_outbox + 1 });
    const [sms] = await ctx.h.query<{ body: string }>(`select body from sms_outbox where user_id = $1 order by id desc limit 1`, [filer.userId]);
    expect(sms.body).toContain('审核通过');
    for (const secret of ['毕业生甲', '8000', hires[0].idNumber]) expect(sms.body).not.toContain(secret);

    // Decided once: a second decision (even with the new version) conflicts.
    await expect(decideHiringFiling(db(), cast.hr, { filingId, version: done.version, decision: 'reject', reason: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('maker-checker and authorization: the filer can never approve, other roles cannot; refusals write nothing', async () => {
    const { filingId } = await fileHiringSubsidy(db(), filer, filing());
    const v = await version(filingId);
    const before = await counts();
    for (const who of [filer, otherApplicant, cast.finance, cast.bank, cast.guarantee, cast.admin, cast.auditor]) {
      await expect(decideHiringFiling(db(), who, { filingId, version: v, decision: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(createHiringBatch(db(), who, { policyYear: 2025 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    // The same person given the HR role later still cannot decide what they filed.
    const filerAsHr = { ...filer, role: 'hr_reviewer' as const };
    await expect(decideHiringFiling(db(), filerAsHr, { filingId, version: v, decision: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN', userMessage: '不能审核本人提交的申报' });
    expect((await getHiringFiling(db(), filerAsHr, filingId)).canDecide).toBe(false);
    // Reject needs a reason; a stale version conflicts.
    await expect(decideHiringFiling(db(), cast.hr, { filingId, version: v, decision: 'reject' })).rejects.toMatchObject({ fieldErrors: { reason: '不予通过须填写理由' } });
    await expect(decideHiringFiling(db(), cast.hr, { filingId, version: v + 1, decision: 'approve' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await counts()).toEqual(before);

    const rejected = await decideHiringFiling(db(), cast.hr, { filingId, version: v, decision: 'reject', reason: '劳动合同未备案' });
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: '劳动合同未备案', decidedBy: cast.hr.userId });
  });

  it('never twice: a person already subsidised in another filing — same or other scheme, any enterprise — gets 0 with the reason', async () => {
    const x = newId();
    const y = newId();
    const z = newId();
    // z was approved before with 0 (contract too short): not subsidised, so still eligible later.
    const first = await fileHiringSubsidy(db(), filer, filing({ hires: [hire({ name: '甲某', idNumber: x }), hire({ name: '丙某', idNumber: z, contractMonths: 6 })] }));
    const firstDone = await approve(first.filingId);
    expect(firstDone.amountFen).toBe(200000n);

    const expand = await fileHiringSubsidy(db(), otherApplicant, filing({ scheme: 'expand', hires: [hire({ name: '甲某', idNumber: x }), hire({ name: '乙某', idNumber: y, category: 'youth-unemployed', contractMonths: 3, insuredMonths: 3 })] }));
    const hrView = await getHiringFiling(db(), cast.hr, expand.filingId);
    expect(hrView.hires[0]).toMatchObject({ eligible: false, amountFen: '0', priorFilings: [firstDone.number] });
    const expandDone = await approve(expand.filingId);
    expect(expandDone.amountFen).toBe(150000n);
    expect((await hireAmounts(expand.filingId)).map((r) => r.amount)).toEqual(['0', '150000']);
    const shown = await getHiringFiling(db(), otherApplicant, expand.filingId);
    expect(shown.hires[0].reasons).toEqual(['该人员已享受吸纳就业补贴或扩岗补助，不得重复享受']);
    expect(shown.hires[0].priorFilings).toEqual([]); // other filings' numbers are HR's business

    const again = await fileHiringSubsidy(db(), filer, filing({ hires: [hire({ name: '乙某', idNumber: y }), hire({ name: '丙某', idNumber: z })] }));
    const againDone = await approve(again.filingId);
    expect((await hireAmounts(again.filingId)).map((r) => r.amount)).toEqual(['0', '200000']);
    expect(againDone.amountFen).toBe(200000n);
  });

  it('two HR reviewers approving two filings that name the same person at once: the person is paid in exactly one', async () => {
    const x = newId();
    const hr2 = actorOf(await createUser(db(), { role: 'hr_reviewer', orgCode: 'KZ-EMP' }));
    const a = await fileHiringSubsidy(db(), filer, filing({ hires: [hire({ name: '并发甲', idNumber: x })] }));
    const b = await fileHiringSubsidy(db(), otherApplicant, filing({ scheme: 'expand', hires: [hire({ name: '并发甲', idNumber: x, contractMonths: 3, insuredMonths: 3 })] }));
    const [ra, rb] = await Promise.all([approve(a.filingId, cast.hr), approve(b.filingId, hr2)]);
    expect([ra.status, rb.status]).toEqual(['approved', 'approved']);
    const paid = [ra.amountFen!, rb.amountFen!].filter((v) => v > 0n);
    expect(paid).toHaveLength(1);
  });

  it("the year's batch: one line per paid hire from approved filings, in one transaction; idempotent; the database refuses paying a person twice", async () => {
    const year = 2024;
    const a = await fileHiringSubsidy(db(), filer, filing({ policyYear: year, hires: [hire({ name: '王一' }), hire({ name: '王二', category: 'hardship' }), hire({ name: '王三', contractMonths: 1 })] }));
    const b = await fileHiringSubsidy(db(), otherApplicant, filing({ policyYear: year, enterpriseName: '开州区第二企业', hires: [hire({ name: '赵一' })] }));
    const pending = await fileHiringSubsidy(db(), filer, filing({ policyYear: year, hires: [hire({ name: '未审' })] }));
    await approve(a.filingId);
    await approve(b.filingId);
    expect(await createHiringBatch(db(), cast.hr, { policyYear: 2019 }).catch((e) => e.userMessage)).toBe('政策年度不能早于 2020 年');
    await expect(createHiringBatch(db(), cast.hr, { policyYear: 2023 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    const before = await counts();
    const r = await createHiringBatch(db(), cast.hr, { policyYear: year });
    expect(r).toMatchObject({ created: true, number: `HS${year}-R0`, lineCount: 3, totalFen: '1000000' });
    const lines = await ctx.h.query<{ seq: number; subject_key: string; payee_name: string; payee_account_masked: string; amount_fen: string; detail: { columns: [string, string][]; filingId: string; hireId: string } }>(
      `select seq, subject_key, payee_name, payee_account_masked, amount_fen::text, detail from subsidy_lines where batch_id = $1 order by seq`, [r.batchId],
    );
    const hires = await ctx.h.query<{ id: string; name: string; id_number_hash: string; id_number_masked: string }>(`select id, name, id_number_hash, id_number_masked from hiring_filing_hires where filing_id in ($1, $2)`, [a.filingId, b.filingId]);
    const byName = new Map(hires.map((h) => [h.name, h]));
    const bySubject = (rows: string[][]) => [...rows].sort((p, q) => p[0].localeCompare(q[0]));
    expect(bySubject(lines.map((l) => [l.subject_key, l.amount_fen, l.payee_name]))).toEqual(bySubject([
      [`hiring:${byName.get('王一')!.id_number_hash}`, '200000', '开州区吸纳就业测试企业'],
      [`hiring:${byName.get('王二')!.id_number_hash}`, '600000', '开州区吸纳就业测试企业'],
      [`hiring:${byName.get('赵一')!.id_number_hash}`, '200000', '开州区第二企业'],
    ]));
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3]);
    const l = lines.find((x) => x.subject_key.endsWith(byName.get('王二')!.id_number_hash))!;
    expect(l.detail.columns.map(([k]) => k)).toEqual([
      '序号', '批次号', '政策年度', '补贴项目', '申报编号', '单位名称', '统一社会信用代码', '人员姓名', '身份证号(脱敏)', '人员类别', '劳动合同期限(月)', '连续参保月数',
      '补贴金额(元)', '开户名', '账号(脱敏)', '开户行', '人社审核人', '审核时间',
    ]);
    expect(Object.fromEntries(l.detail.columns)).toMatchObject({ 批次号: `HS${year}-R0`, 补贴项目: '一次性吸纳就业补贴', 人员姓名: '王二', '身份证号(脱敏)': byName.get('王二')!.id_number_masked, 人员类别: '就业困难人员（脱贫人口等）', '补贴金额(元)': '6000.00', '账号(脱敏)': '6228***********8901' });
    expect(JSON.stringify(lines)).not.toMatch(/500234200\d{8}[\dX]/); // no full 身份证号 anywhere in the lines
    const statuses = await ctx.h.query<{ id: string; status: string }>(`select id, status from hiring_filings where id in ($1, $2, $3)`, [a.filingId, b.filingId, pending.filingId]);
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [a.filingId]: 'batched', [b.filingId]: 'batched', [pending.filingId]: 'submitted' });
    const after = await counts();
    expect(after).toEqual({ ...before, subsidy_batches: before.subsidy_batches + 1, subsidy_lines: before.subsidy_lines + 3, audit_log: before.audit_log + 1 });

    // Again: nothing new.
    expect(await createHiringBatch(db(), cast.hr, { policyYear: year })).toMatchObject({ created: false, batchId: r.batchId });
    expect(await counts()).toEqual(after);

    // The database refuses a second pending line for the same person, whatever the batch.
    const [other] = await db().insert(subsidyBatches).values({ number: `HS${year}-TEST`, kind: 'hiring', period: String(year), round: 1, status: 'prepared', createdAt: new Date(), updatedAt: new Date() }).returning();
    const err = await db().insert(subsidyLines).values({ batchId: other.id, seq: 1, subjectKey: lines[0].subject_key, payeeName: 'x', amountFen: 1n, detail: {} }).then(() => null, (e) => e);
    expect(isUniqueViolation(err)).toBe(true);
  });

  it('HR queue: to-do shows submitted filings oldest first, search by enterprise; paging', async () => {
    const hr2 = actorOf(await createUser(db(), { role: 'hr_reviewer', orgCode: 'KZ-EMP' }));
    const name = `开州区队列企业${Date.now() % 10000}`;
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await fileHiringSubsidy(db(), filer, filing({ enterpriseName: name }))).filingId);
    const todo = await findHiringQueue(db(), hr2, { q: name });
    expect(todo.rows.map((r) => r.id)).toEqual(ids);
    await approve(ids[1], hr2);
    expect((await findHiringQueue(db(), hr2, { q: name })).rows.map((r) => r.id)).toEqual([ids[0], ids[2]]);
    expect((await findHiringQueue(db(), hr2, { q: name, tab: 'all' })).total).toBe(3);
    const page2 = await findHiringQueue(db(), hr2, { tab: 'all', page: 2 });
    expect(page2.page).toBe(2);
    await expect(findHiringQueue(db(), filer, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
