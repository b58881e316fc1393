import type { DbOrTx } from '../client';
import { towns } from '../schema';

/**
 * 开州区 7 街道, 26 镇, 7 乡 (2024). Codes are local reference codes (KZ + order), not the
 * statistical 区划代码, which an administrator can align later without touching data.
 */
const STREETS = ['汉丰街道', '文峰街道', '云枫街道', '镇东街道', '丰乐街道', '白鹤街道', '赵家街道'];
const TOWNS = [
  '大德镇', '镇安镇', '厚坝镇', '金峰镇', '温泉镇', '郭家镇', '白桥镇', '和谦镇', '河堰镇', '大进镇',
  '谭家镇', '敦好镇', '高桥镇', '九龙山镇', '天和镇', '中和镇', '义和镇', '临江镇', '竹溪镇', '铁桥镇',
  '南雅镇', '巫山镇', '岳溪镇', '长沙镇', '南门镇', '渠口镇',
];
const TOWNSHIPS = ['满月乡', '关面乡', '白泉乡', '麻柳乡', '紫水乡', '三汇口乡', '五通乡'];

export const KAIZHOU_TOWNS = [
  ...STREETS.map((name) => ({ name, kind: 'street' as const })),
  ...TOWNS.map((name) => ({ name, kind: 'town' as const })),
  ...TOWNSHIPS.map((name) => ({ name, kind: 'township' as const })),
].map((t, i) => ({ ...t, code: `KZ${String(i + 1).padStart(3, '0')}`, sortOrder: i + 1 }));

export async function seedTowns(db: DbOrTx) {
  for (const t of KAIZHOU_TOWNS) {
    await db.insert(towns).values(t).onConflictDoUpdate({ target: towns.code, set: { name: t.name, kind: t.kind, sortOrder: t.sortOrder } });
  }
}
