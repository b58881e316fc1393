/** OpenAPI 3.1 description of the partner-bank API. Extend it with every route added under /api/v1. */
const error = { type: 'object', properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string', description: '中文说明' }, errors: { type: 'array', items: { type: 'object', properties: { row: { type: 'integer' }, column: { type: 'string' }, message: { type: 'string' } } } } } } } };

const unauthorized = { description: '令牌缺失、无效或已吊销', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const invalid = { description: '参数有误（message 为中文说明）', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const batchId = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: { title: '开州区创业担保贷款 — 经办银行接口', version: '1.0.0', description: '每家经办银行使用安全管理员签发（经另一位安全管理员批准）的令牌（Bearer）。令牌只能访问本行的数据，可随时吊销。金额单位：分（字符串）。' },
  servers: [{ url: '/api/v1' }],
  components: {
    securitySchemes: { bankToken: { type: 'http', scheme: 'bearer', description: 'kzb_ 开头的接口令牌' } },
    schemas: { Error: error },
  },
  security: [{ bankToken: [] }],
  paths: {
    '/loans': {
      get: {
        summary: '本行已放款贷款列表（按借据号分页）',
        parameters: [
          { name: 'after', in: 'query', schema: { type: 'string' }, description: '上一页最后一个借据号' },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
        ],
        responses: { '200': { description: '贷款列表' }, '401': { description: '令牌缺失、无效或已吊销', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
      },
    },
    '/repayments': {
      post: {
        summary: '上传还款文件（整体校验，任一行有误则全部退回）',
        description: '列：借据号 | 还款日期 | 还款本金 | 还款利息 | 银行流水号。同一文件不会重复导入。',
        requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string', description: 'UTF-8，可带 BOM' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } },
        responses: {
          '200': { description: '已导入' },
          '400': { description: '文件被整体退回，errors 列出每一处错误（行、列、说明）', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          '401': { description: '令牌缺失、无效或已吊销' },
          '409': { description: '同一文件已导入过' },
          '413': { description: '文件过大' },
        },
      },
    },
    '/claims': {
      get: {
        summary: '本行贴息申报批次（含重新拨付轮次），按季度倒序，每页 20 条',
        parameters: [{ name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } }],
        responses: { '200': { description: '{ data: { rows, total, page, pageSize } }' }, '401': unauthorized },
      },
      post: {
        summary: '申报某季度贴息（结息日之后）；同一季度重复申报返回同一批次',
        description: '批次在后台生成，请轮询 GET /claims/{id} 直到 status 不再是 building。',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['period'], additionalProperties: false, properties: { period: { type: 'string', pattern: '^\\d{4}Q[1-4]$', example: '2026Q3' } } } } } },
        responses: { '200': { description: '{ data: { id, number, period, status, created } }' }, '400': invalid, '401': unauthorized },
      },
    },
    '/claims/{id}': {
      get: {
        summary: '一个本行批次：状态、生成进度、按明细状态的笔数与金额',
        parameters: [batchId],
        responses: { '200': { description: '批次' }, '401': unauthorized, '404': { description: '批次不存在或属于其他银行' } },
      },
    },
    '/claims/{id}/lines': {
      get: {
        summary: '批次明细（每页 50 条，证件号、账号脱敏；含每笔的计算过程）',
        parameters: [
          batchId,
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
          { name: 'status', in: 'query', schema: { type: 'string', enum: ['pending', 'paid', 'failed', 'excluded'] } },
          { name: 'q', in: 'query', schema: { type: 'string', maxLength: 50 }, description: '姓名、受理编号、合同编号、借据号或序号' },
        ],
        responses: { '200': { description: '{ data: { rows, total, page, pageSize } }' }, '400': invalid, '401': unauthorized, '404': { description: '批次不存在或属于其他银行' } },
      },
    },
    '/claims/{id}/payment-results': {
      post: {
        summary: '上传本行已导出批次的拨付回盘（整体校验，任一行有误则全部退回）',
        description: '列：序号（或行号）| 状态（成功/失败）| 银行流水号 | 失败原因，可选 金额 列用于核对。每一笔明细必须且只能出现一次。',
        parameters: [batchId],
        requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } },
        responses: {
          '200': { description: '{ data: { paidCount, failedCount, paidTotal, failedTotal } }' },
          '400': { description: '文件被整体退回，errors 列出每一处错误', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          '401': unauthorized,
          '404': { description: '批次不存在或属于其他银行' },
          '409': { description: '批次尚未导出，或已完成对账' },
          '413': { description: '文件过大' },
        },
      },
    },
  },
} as const;
