/** OpenAPI 3.1 description of the partner-bank API. Extend it with every route added under /api/v1. */
const error = { type: 'object', properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string', description: '中文说明' }, errors: { type: 'array', items: { type: 'object', properties: { row: { type: 'integer' }, column: { type: 'string' }, message: { type: 'string' } } } } } } } };

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: { title: '开州区创业担保贷款 — 经办银行接口', version: '1.0.0', description: '每家经办银行使用系统管理员签发的令牌（Bearer）。令牌只能访问本行的数据，可随时吊销。金额单位：分（字符串）。' },
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
  },
} as const;
