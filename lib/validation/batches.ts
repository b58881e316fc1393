import { z } from './zod';
import { QUARTER_PATTERN } from '@/lib/domain/subsidy-batches/quarter';

/**
 * Subsidy-batch inputs, shared by the claim and finance pages and the server. The batch's
 * `updatedAt` (ISO text, as the page showed it) is the version a decision applies to, and
 * every decision must name it: a batch rebuilt or decided by someone else in between is
 * refused with CONFLICT and nothing is written (a compare-and-set on what the officer saw).
 */

const batchId = z.uuid('批次编号无效');
const version = z.iso.datetime({ offset: true, error: (i) => (i.input === undefined ? '缺少批次版本，请刷新页面后重试' : '批次版本无效，请刷新页面后重试') });

/** 申报贴息: the bank officer's own bank, one quarter (e.g. 2026Q3). */
export const ZRequestClaimSchema = z
  .object({ period: z.string().trim().regex(QUARTER_PATTERN, '请选择申报季度（如 2026Q3）') })
  .strict();
export type TRequestClaim = z.input<typeof ZRequestClaimSchema>;

/** 人社审核 / 财政审批 / 导出 / 重新拨付: one batch, at the version the officer saw. */
export const ZBatchDecisionSchema = z.object({ batchId, version }).strict();
export type TBatchDecision = z.input<typeof ZBatchDecisionSchema>;

export const BATCH_LIST_PAGE_SIZE = 20;
export const LINE_LIST_PAGE_SIZE = 50;

export const ZBatchLinesQuerySchema = z
  .object({
    batchId,
    q: z.string().trim().max(50).optional(),
    status: z.enum(['pending', 'paid', 'failed', 'excluded']).optional(),
    page: z.coerce.number<number>().int().min(1).max(100_000).default(1),
  })
  .strict();
export type TBatchLinesQuery = z.input<typeof ZBatchLinesQuerySchema>;

export const ZExportDownloadSchema = z
  .object({
    batchId,
    format: z.enum(['xlsx', 'csv'], { error: '格式应为 xlsx 或 csv' }),
    variant: z.enum(['masked', 'payment'], { error: '版本应为 masked 或 payment' }).default('masked'),
  })
  .strict();
export type TExportDownload = z.input<typeof ZExportDownloadSchema>;

export const PAYMENT_RESULT_MAX_BYTES = 10 * 1024 * 1024;
export const PAYMENT_RESULT_MAX_ROWS = 200_000;
