/**
 * Which cities are on HSR in a year: a city is covered when one of its located stations is in HSR
 * service by the end of the year and lies on a section open by then.
 */
import { buildTopology } from './graph.ts';
import type { RailNetworkData, RailStation } from './types.ts';
import { normalDate, yearEnd } from './util.ts';

export interface CityOnHsr {
  city: string;
  /** Stations of the city in service on an open section, by id. */
  stations: string[];
}

/**
 * Cities on HSR at the end of `year`. `cityOf` maps a station to its city: by default the source's
 * GB/T 2260 prefecture code; pass a county → unit lookup to count Xiong'an New Area separately.
 * @example citiesOnHsr(network, 2024).map((c) => c.city) // → ['110000', '120000', '130100', …]
 */
export function citiesOnHsr(
  net: RailNetworkData,
  year: number,
  cityOf: (s: RailStation) => string | null = (s) => s.prefecture,
): CityOnHsr[] {
  const topo = buildTopology(net, yearEnd(year));
  const byCity = new Map<string, string[]>();
  net.stations.forEach((s, i) => {
    if (s.lon === null || !s.in_region || !topo.onNetwork[i]) return;
    const city = cityOf(s);
    if (city === null) return;
    byCity.set(city, [...(byCity.get(city) ?? []), s.id]);
  });
  return [...byCity.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([city, stations]) => ({ city, stations }));
}

/**
 * The first year each city was on HSR (same rule as citiesOnHsr), for every year a station opened.
 * @example firstHsrYear(network).get('131100') // → 2017 (衡水北, 石济客专)
 */
export function firstHsrYear(
  net: RailNetworkData,
  cityOf?: (s: RailStation) => string | null,
): Map<string, number> {
  const years = [
    ...new Set(
      net.stations.flatMap((s) => (s.service_from ? [Number(normalDate(s.service_from).slice(0, 4))] : [])),
    ),
  ].sort((a, b) => a - b);
  const first = new Map<string, number>();
  for (const y of years)
    for (const c of citiesOnHsr(net, y, cityOf)) if (!first.has(c.city)) first.set(c.city, y);
  return first;
}
