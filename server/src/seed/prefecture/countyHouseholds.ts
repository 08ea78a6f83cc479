/**
 * Households per county at full size (data/reference/README.md, "Prefecture demo": figures and
 * sources). Gaotai keeps the county demo's 45,000. The others are the 2020 census (七普) resident
 * population divided by 2.79 people per household — the ratio the Gaotai demo already uses
 * (125,700 people, 45,000 households) — except 肃南, whose published household count (14,554
 * households, 37,579 people, 2014) is used as it is.
 */
export const countyHouseholds: Readonly<Record<string, number>> = {
  '620702000000': 186_100, // 甘州区: 519,100 people
  '620721000000': 14_554, // 肃南裕固族自治县: 14,554 households (2014)
  '620722000000': 69_000, // 民乐县: 192,500 people
  '620723000000': 41_500, // 临泽县: 115,900 people
  '620724000000': 45_000, // 高台县: the county demo's size (125,700 people)
  '620725000000': 53_800, // 山丹县: 150,000 people
};
