import type { CaseLevel } from '../domain/caseLevel.js';

/**
 * The mix of the demo's cases (seedCases.ts): where reports come from, which matters they are,
 * where each kind gets settled, what is transferred out and to whom, and the summaries written.
 * Relative weights judged for a rural county (about 80 % settled within the village: 小事不出村).
 */
export type Source = 'grid_patrol' | 'walk_in' | 'hotline' | 'video_patrol' | 'assigned' | 'department';

export const SOURCE_WEIGHTS: Array<[Source, number]> = [
  ['grid_patrol', 44],
  ['walk_in', 20],
  ['hotline', 12],
  ['video_patrol', 11],
  ['assigned', 8],
  ['department', 5],
];

/** Relative frequency of rural mediation matters; a category the seed does not know gets 3. */
export const CATEGORY_WEIGHTS: Record<string, number> = {
  neighbour_dispute: 26,
  family_dispute: 18,
  land_boundary: 16,
  labour_wages: 9,
  land_acquisition: 4,
  environment: 7,
  safety_hazard: 10,
  public_order: 6,
  other: 4,
};

/** Where cases of a category get settled (group, village, town justice, town centre): ~80 % in the village overall. */
export const TARGET_WEIGHTS: Record<string, [number, number, number, number]> = {
  default: [53, 34, 9, 4],
  land_boundary: [36, 42, 15, 7],
  labour_wages: [20, 38, 28, 14],
  land_acquisition: [8, 30, 30, 32],
  public_order: [35, 30, 15, 20],
};
export const LEVELS: CaseLevel[] = ['group', 'village', 'town_justice', 'town_centre'];

export const TRANSFER_TO: Record<string, string> = {
  labour_wages: '县人社局劳动保障监察大队',
  land_acquisition: '县自然资源局',
  environment: '市生态环境局高台分局',
  public_order: '县公安局派出所',
  safety_hazard: '县应急管理局',
};
export const TRANSFER_SHARE: Record<string, number> = {
  labour_wages: 0.1,
  land_acquisition: 0.1,
  public_order: 0.1,
  environment: 0.08,
  safety_hazard: 0.05,
};
export const MAJOR_SHARE: Record<string, number> = { land_acquisition: 0.15, public_order: 0.08, safety_hazard: 0.05 };

export const SUMMARIES: Record<string, string[]> = {
  neighbour_dispute: [
    '邻里因宅基地院墙界址发生争执',
    '邻居因排水沟堵塞引发纠纷',
    '邻里因树木遮挡采光产生矛盾',
    '邻居家畜损坏庄稼引发纠纷',
    '邻里因巷道堆放杂物发生口角',
  ],
  family_dispute: ['夫妻因家庭琐事发生矛盾', '子女赡养老人问题纠纷', '兄弟分家析产纠纷', '婚约彩礼返还纠纷'],
  land_boundary: ['承包地地界不清引发纠纷', '灌溉用水顺序纠纷', '土地流转合同履行纠纷', '林地权属争议'],
  labour_wages: ['务工人员讨要工资', '工程项目拖欠农民工工资', '劳务用工受伤赔偿纠纷'],
  land_acquisition: ['征地补偿款分配争议', '道路建设占地补偿纠纷', '拆迁安置协议争议'],
  environment: ['养殖场异味扰民', '秸秆焚烧污染投诉', '企业噪声扰民投诉', '生活垃圾乱倒乱放'],
  safety_hazard: ['农村危旧房屋安全隐患', '私拉乱接电线隐患', '渠道护栏缺失隐患', '燃气使用安全隐患'],
  public_order: ['酒后滋事扰乱秩序', '农机具被盗报案', '赌博活动线索', '交通纠纷引发冲突'],
  other: ['其他矛盾纠纷'],
};
