import ExcelJS from 'exceljs';
import { requirePermission } from '@/lib/auth/session';
import { formatYuan } from '@/lib/domain/money';
import { APP_ERROR_HTTP_STATUS } from '@/lib/errors/app-error';
import { toActionError } from '@/lib/actions/action-result';
import { getDb } from '@/lib/server/db';
import { computeScorecard } from '@/lib/server/scorecard/compute-scorecard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const money = (fen: string) => Number(formatYuan(BigInt(fen))); // xlsx cells are numbers; exact to the fen at this size

/** GET /api/scorecard/export?year=2025 — the scorecard as .xlsx (summary, by month, by 镇街, by category). */
export async function GET(req: Request): Promise<Response> {
  try {
    const actor = await requirePermission('scorecard:view');
    const year = Number(new URL(req.url).searchParams.get('year'));
    const card = await computeScorecard(await getDb(), actor, year);
    const wb = new ExcelJS.Workbook();
    const summary = wb.addWorksheet('成绩单');
    summary.addRow([`${year} 年创业就业工作成绩单`]);
    summary.addRow(['指标', '完成', '年度目标', '完成率(%)']);
    for (const m of card.metrics) {
      const v = (x: string | null) => (x === null ? '' : m.unit === 'fen' ? money(x) : Number(x));
      summary.addRow([`${m.label}${m.unit === 'fen' ? '（元）' : ''}`, v(m.actual), v(m.target), m.completion ? Number(m.completion) : '']);
    }
    const months = wb.addWorksheet('按月');
    months.addRow(['月份', '发放笔数', '发放金额（元）']);
    for (const r of card.byMonth) months.addRow([`${r.month}月`, r.people, money(r.amount)]);
    const towns = wb.addWorksheet('按镇街');
    towns.addRow(['镇街', '发放笔数', '发放金额（元）', '带动就业人数']);
    for (const r of card.byTown) towns.addRow([r.town, r.people, money(r.amount), r.jobs]);
    const cats = wb.addWorksheet('按人员类别');
    cats.addRow(['人员类别', '人数', '发放金额（元）']);
    for (const r of card.byCategory) cats.addRow([r.category, r.people, money(r.amount)]);
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    return new Response(body, {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="scorecard-${year}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${year}年成绩单.xlsx`)}`,
        'cache-control': 'no-store',
      },
    });
  } catch (e) {
    const err = toActionError(e);
    return Response.json({ error: { code: err.code, message: err.message } }, { status: APP_ERROR_HTTP_STATUS[err.code] });
  }
}
