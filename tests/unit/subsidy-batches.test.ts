import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextSettlementDay } from '@/lib/domain/rules';
import { ControlTotalMismatchError, disbursementRows, type ExportBatchInfo, type ExportLine } from '@/lib/domain/subsidy-batches/disbursement-list';
import { checkPaymentResults } from '@/lib/domain/subsidy-batches/payment-results';
import { batchNumber, inQuarter, latestClosedQuarter, parseQuarter, quarterOf, quartersBefore } from '@/lib/domain/subsidy-batches/quarter';
import { csvStream, escapeCell, unescapeCell, xlsxStream, type SheetRow } from '@/lib/domain/subsidy-batches/sheet';

async function collect(it: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of it) chunks.push(c);
  return Buffer.concat(chunks);
}

describe('claim quarters', () => {
  it('a quarter runs from the day after the previous settlement day to its own (20 Mar/Jun/Sep/Dec)', () => {
    expect(parseQuarter('2026Q1')).toMatchObject({ firstDay: '2025-12-21', settlementDay: '2026-03-20' });
    expect(parseQuarter('2026Q3')).toMatchObject({ firstDay: '2026-06-21', settlementDay: '2026-09-20' });
    expect(parseQuarter('2026Q5')).toBeNull();
    expect(parseQuarter('26Q1')).toBeNull();
    expect(quarterOf('2026-03-20')).toBe('2026Q1');
    expect(quarterOf('2026-03-21')).toBe('2026Q2');
    expect(quarterOf('2025-12-21')).toBe('2026Q1');
    expect(latestClosedQuarter('2026-11-26')).toBe('2026Q3');
    expect(latestClosedQuarter('2026-09-20')).toBe('2026Q3');
    expect(latestClosedQuarter('2026-03-19')).toBe('2025Q4');
    expect(quartersBefore('2026Q2', 3)).toEqual(['2026Q2', '2026Q1', '2025Q4']);
    expect(batchNumber('interest', '2026Q1', 'BANK-ABC-KZ', 2)).toBe('TX2026Q1-BANK-ABC-KZ-R2');
  });

  it('every day belongs to the quarter of its settlement day (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2001-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10);
        const q = parseQuarter(quarterOf(day))!;
        expect(inQuarter(q, day)).toBe(true);
        expect(q.settlementDay).toBe(nextSettlementDay(day));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('INP-04 formula injection', () => {
  it('no escaped text starts with a trigger, and unescaping gives the text back (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('', '=', '+', '-', '@', '\t', '\r', "'"), (s, head) => {
        const text = head + s;
        const e = escapeCell(text);
        expect(/^[=+\-@\t\r]/.test(e)).toBe(false);
        expect(unescapeCell(e)).toBe(text);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('sheets: .xlsx and .csv', () => {
  const rows: SheetRow[] = [
    [{ t: 's', v: '标题', style: 'bold' }],
    [{ t: 's', v: '序号' }, { t: 's', v: '姓名' }, { t: 's', v: '金额（元）' }, null, { t: 's', v: '备注' }],
    [{ t: 'n', v: '1' }, { t: 's', v: '=1+2' }, { t: 'n', v: '933.33', style: 'amount' }, null, { t: 's', v: 'a,"b"\nc & <d>' }],
    [{ t: 'n', v: '2' }, { t: 's', v: '张三' }, { t: 'n', v: '12345678901.05', style: 'amount' }, null, { t: 's', v: '' }],
  ];

  it('the same rows give the same bytes (deterministic: no timestamps)', async () => {
    const a = await collect(xlsxStream(rows, { sheetName: '清单', frozenRows: 2 }));
    const b = await collect(xlsxStream(rows, { sheetName: '清单', frozenRows: 2 }));
    expect(a.equals(b)).toBe(true);
    expect((await collect(csvStream(rows))).equals(await collect(csvStream(rows)))).toBe(true);
  });

  it('the .xlsx opens in a spreadsheet library: numbers stay exact numbers, text stays text, formulas are neutralised', async () => {
    const bytes = await collect(xlsxStream(rows, { sheetName: '清单', frozenRows: 2, widths: [6, 10, 12, 4, 20] }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('清单')!;
    expect(ws.getCell('A1').value).toBe('标题');
    expect(ws.getCell('C3').value).toBe(933.33);
    expect(ws.getCell('C4').value).toBe(12345678901.05);
    expect(ws.getCell('B3').value).toBe("'=1+2");
    expect(ws.getCell('E3').value).toBe('a,"b"\nc & <d>');
    expect(ws.getCell('C3').numFmt).toBe('#,##0.00');
  });

  it('the .csv is UTF-8 with a BOM, RFC 4180 quoted, CRLF', async () => {
    const text = (await collect(csvStream(rows))).toString('utf8');
    expect(text.startsWith('\ufeff标题\r\n')).toBe(true);
    expect(text).toContain(`1,'=1+2,933.33,,"a,""b""\nc & <d>"\r\n`);
  });
});

describe('the disbursement list', () => {
  const info: ExportBatchInfo = { kind: 'interest', number: 'TX2026Q1-B-R0', period: '2026Q1', round: 0, bankName: '银行', lineCount: 2, totalFen: 150n, hrReview: null, financeReview: null, variant: 'masked' };
  const line = (seq: number, amount: bigint): ExportLine =>
    ({ seq, amountFen: amount, payeeName: '甲', payeeId: '500***********1234', payeeAccount: null, payeeBankName: null, detail: {
      borrowerName: '甲', idType: '居民身份证', loanType: '个人', category: null, town: null, bank: '银行', contractNo: 'HT-1', drawdownNo: null, contractDate: '2026-01-01',
      disbursedDate: '2026-01-02', maturityDate: '2029-01-02', loanAmountFen: '100', principalFen: '100', lprKind: 'LPR', lpr: '3.00', contractRate: '3.50', regime: 'C',
      ruleSet: 'x v1', borrowerRate: '1.75', subsidyRate: '1.75', periodStart: '2026-01-02', periodEnd: '2026-03-20', days: 78, totalInterestFen: '200',
      borrowerInterestFen: '100', subsidyFen: String(amount), overdue: false, extended: false, subsidyWindowLastDay: null, payee: 'BORROWER', guaranteeReviewer: null, guaranteeReviewedOn: null, note: '',
    } }) as unknown as ExportLine;
  async function* lines(...ls: ExportLine[]) {
    yield* ls;
  }

  it('ends with the totals row, the amount in 大写 and the signature rows; control totals that do not match the lines refuse the list', async () => {
    const out: SheetRow[] = [];
    for await (const r of disbursementRows(info, lines(line(1, 100n), line(2, 50n)))) out.push(r);
    const totals = out.at(-5)!;
    expect(totals[0]).toMatchObject({ v: '合计' });
    expect(out.at(-4)!.map((c) => c?.v)).toEqual(['合计金额（大写）', '人民币壹元伍角整']);
    expect(out.at(-3)).toEqual([]);
    expect(out.at(-2)!.filter(Boolean).map((c) => c!.v)).toEqual(['制表人：', '审核人：', '负责人：']);
    expect(out.at(-1)!.filter(Boolean).map((c) => c!.v)).toEqual(['日期：', '日期：', '日期：']);
    expect(totals.filter((c) => c?.t === 'n').map((c) => c!.v)).toEqual(['2.00', '4.00', '2.00', '1.50']);
    const bad = async () => {
      for await (const _ of disbursementRows(info, lines(line(1, 100n)))) void _;
    };
    await expect(bad()).rejects.toBeInstanceOf(ControlTotalMismatchError);
  });
});

describe('payment results', () => {
  const expected = [{ seq: 1, amountFen: 100n }, { seq: 2, amountFen: 250n }];
  const table = (...rows: (string | number | null)[][]) => rows.map((cells, i) => ({ row: i + 1, cells }));

  it('accepts a complete file (行号 as well as 序号, an optional matching 金额 column)', () => {
    const r = checkPaymentResults(table(['行号', '状态', '银行流水号', '失败原因', '金额'], [2, '失败', null, '户名不符', '2.50'], [1, '成功', 'BK-1', null, 1]), expected);
    expect(r).toEqual({ ok: true, outcomes: [{ seq: 1, status: 'paid', bankRef: 'BK-1', reason: null }, { seq: 2, status: 'failed', bankRef: null, reason: '户名不符' }] });
  });

  it('lists every error by row and column, and missing lines', () => {
    const r = checkPaymentResults(table(['序号', '状态', '银行流水号', '失败原因'], [1, '成功', null, null], [1, '失败', null, null], ['x', '好', 'bad ref!', null]), expected);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { row: 2, column: '银行流水号', message: expect.stringContaining('须填写银行流水号') },
        { row: 3, column: '序号', message: expect.stringContaining('重复') },
        { row: 3, column: '失败原因', message: expect.stringContaining('须填写失败原因') },
        { row: 4, column: '序号', message: expect.stringContaining('不是正整数') },
        { row: 4, column: '状态', message: expect.stringContaining('无效') },
        { row: 4, column: '银行流水号', message: expect.any(String) },
        { row: 0, column: '序号', message: '缺少序号 2 的支付结果' },
      ]),
    );
    expect(checkPaymentResults(table(['序号', '结果']), expected)).toMatchObject({ ok: false, errors: [{ column: '表头' }] });
    expect(checkPaymentResults(table(['序号', '状态', '银行流水号']), expected)).toMatchObject({ ok: false, errors: [{ column: '失败原因' }] });
  });
});
