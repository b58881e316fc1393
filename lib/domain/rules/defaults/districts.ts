/** Chongqing's 38 districts and counties (GB/T 2260 行政区划代码). */
export const CHONGQING_PROVINCE_CODE = '500000';
export const KAIZHOU_CODE = '500154';

export const CHONGQING_DISTRICTS: ReadonlyArray<{ code: string; name: string }> = [
  { code: '500101', name: '万州区' }, { code: '500102', name: '涪陵区' }, { code: '500103', name: '渝中区' },
  { code: '500104', name: '大渡口区' }, { code: '500105', name: '江北区' }, { code: '500106', name: '沙坪坝区' },
  { code: '500107', name: '九龙坡区' }, { code: '500108', name: '南岸区' }, { code: '500109', name: '北碚区' },
  { code: '500110', name: '綦江区' }, { code: '500111', name: '大足区' }, { code: '500112', name: '渝北区' },
  { code: '500113', name: '巴南区' }, { code: '500114', name: '黔江区' }, { code: '500115', name: '长寿区' },
  { code: '500116', name: '江津区' }, { code: '500117', name: '合川区' }, { code: '500118', name: '永川区' },
  { code: '500119', name: '南川区' }, { code: '500120', name: '璧山区' }, { code: '500151', name: '铜梁区' },
  { code: '500152', name: '潼南区' }, { code: '500153', name: '荣昌区' }, { code: '500154', name: '开州区' },
  { code: '500155', name: '梁平区' }, { code: '500156', name: '武隆区' }, { code: '500229', name: '城口县' },
  { code: '500230', name: '丰都县' }, { code: '500231', name: '垫江县' }, { code: '500233', name: '忠县' },
  { code: '500235', name: '云阳县' }, { code: '500236', name: '奉节县' }, { code: '500237', name: '巫山县' },
  { code: '500238', name: '巫溪县' }, { code: '500240', name: '石柱土家族自治县' }, { code: '500241', name: '秀山土家族苗族自治县' },
  { code: '500242', name: '酉阳土家族苗族自治县' }, { code: '500243', name: '彭水苗族土家族自治县' },
];

/**
 * The 14 districts/counties of the LPR+250BP rate-cap tier (Chongqing 2023
 * service package) — also the former national poverty counties that kept full
 * subsidy for all 3 years under A0-CQ: 万州、开州、黔江、彭水、武隆、丰都、城口、
 * 云阳、奉节、巫山、巫溪、石柱、酉阳、秀山.
 */
export const CHONGQING_HIGH_TIER_DISTRICTS: readonly string[] = [
  '500101', '500154', '500114', '500243', '500156', '500230', '500229',
  '500235', '500236', '500237', '500238', '500240', '500242', '500241',
];
