/** Mirrors the status enums of `subsidy_batches` and `subsidy_lines`. */
export type BatchStatus = 'building' | 'prepared' | 'verified' | 'approved' | 'exported' | 'reconciled' | 'failed';
export type LineStatus = 'pending' | 'paid' | 'failed' | 'excluded';
export type BatchKind = 'interest' | 'wage_refund' | 'hiring';

export const BATCH_STATUS_LABELS: Record<BatchStatus, string> = {
  building: '生成中',
  prepared: '待人社审核',
  verified: '待财政审批',
  approved: '已审批，待导出',
  exported: '已导出，待回盘',
  reconciled: '已对账',
  failed: '生成失败',
};

export const LINE_STATUS_LABELS: Record<LineStatus, string> = {
  pending: '待支付',
  paid: '已支付',
  failed: '支付失败',
  excluded: '已剔除',
};

export const BATCH_KIND_LABELS: Record<BatchKind, string> = {
  interest: '创业担保贷款贴息',
  wage_refund: '稳岗返还',
  hiring: '一次性吸纳就业补贴',
};
