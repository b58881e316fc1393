import type { DbOrTx } from '../client';
import { catalogItems } from '../schema';

/** A starting catalogue for the demo; HR maintains the real one. */
const ITEMS = [
  { kind: 'training_course', name: 'SYB 创业培训（开州区就业和人才中心）', description: '10 天，含创业计划书指导' },
  { kind: 'training_course', name: '电商直播带货技能培训', description: '7 天，含实操' },
  { kind: 'training_course', name: '中式烹调师（初级）', description: '职业技能等级认定' },
  { kind: 'industry_project', name: '开州春橙种植与电商销售', description: '汉丰湖周边乡镇' },
  { kind: 'industry_project', name: '乡村旅游民宿改造', description: '满月乡、雪宝山片区' },
  { kind: 'industry_project', name: '中药材（木香、厚朴）种植', description: '白泉乡、关面乡' },
  { kind: 'job', name: '开州工业园区电子装配工', description: '月薪 4500–6000 元' },
  { kind: 'job', name: '汉丰湖景区导游', description: '月薪 4000–5000 元' },
] as const;

export async function seedCatalog(db: DbOrTx) {
  const t = new Date();
  for (const item of ITEMS) {
    await db.insert(catalogItems).values({ ...item, updatedAt: t }).onConflictDoNothing();
  }
}
