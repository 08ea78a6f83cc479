/**
 * The configurable list of case categories (矛盾纠纷类别). `sla_days` null means the default
 * four-level seven-day deadlines apply.
 */
export const demoCaseCategories = [
  { code: 'neighbour_dispute', name_zh: '邻里纠纷', name_en: 'Neighbour dispute' },
  { code: 'family_dispute', name_zh: '婚姻家庭纠纷', name_en: 'Marriage and family dispute' },
  { code: 'land_boundary', name_zh: '土地权属纠纷', name_en: 'Land and boundary dispute' },
  { code: 'labour_wages', name_zh: '劳资纠纷', name_en: 'Labour and wages' },
  { code: 'land_acquisition', name_zh: '征地拆迁', name_en: 'Land acquisition and demolition' },
  { code: 'environment', name_zh: '环境污染', name_en: 'Environmental pollution' },
  { code: 'safety_hazard', name_zh: '安全隐患', name_en: 'Safety hazard' },
  { code: 'public_order', name_zh: '治安问题', name_en: 'Public order' },
  { code: 'other', name_zh: '其他', name_en: 'Other' },
].map((category, index) => ({ ...category, sla_days: null, sort: (index + 1) * 10 }));
