import { z } from 'zod';

/**
 * 核对留存副本: what the auditor kept — a downloaded anchor file (its text), or the chain head
 * printed on an exported 拨付清单 (序号 and 哈希).
 */
export const ZAuditWitnessSchema = z.union([
  z.object({ anchorText: z.string().trim().min(1, '请粘贴或选择锚点文件').max(8000, '锚点文件过大') }).strict(),
  z
    .object({
      seq: z.coerce.number<number>().int('序号须为正整数').positive('序号须为正整数'),
      hash: z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/, '哈希须为 64 位十六进制'),
    })
    .strict(),
]);
export type TAuditWitness = z.input<typeof ZAuditWitnessSchema>;

export const ZAnchorNameSchema = z.object({ name: z.string().regex(/^anchor-\d{15}-\d{8}T\d{9}Z\.json$/, '锚点文件名无效').optional() }).strict();
