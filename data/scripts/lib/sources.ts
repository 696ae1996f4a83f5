// Source ids and descriptions. Ids are derived from the URL (readable and stable: the same URL set always
// gives the same ids, never a row number). Titles come from the tables in indicators/SOURCES.md.
import { createHash } from 'node:crypto';
import type { SourceInfo, SourceKind } from '../../../src/core/types.ts';

/** Source id of the 2020 census county table (facilities/SOURCES.md §6). */
export const CENSUS_SOURCE_ID = 'census2020';

/** The census table, cited as facilities/SOURCES.md §6 asks. */
export const CENSUS_SOURCE: SourceInfo = {
  id: CENSUS_SOURCE_ID,
  kind: 'official_reprint',
  coverage: [2020, 2020],
  title:
    '7th National Population Census (2020), county-level tabulation from the census yearbook, as compiled in ' +
    'github.com/leiii/census data/census/census_county_2020_v1.xlsx (commit 719d9be5, 2022-10-15). Cite: Dong, ' +
    'Du & Liu, "Mapping Evolving Population Geography in China", SSRN 4049338 (2022)',
  url: 'https://github.com/leiii/census',
  publisher: 'Lei Dong (leiii/census), from the National Bureau of Statistics census yearbook',
  licence: 'MIT (Copyright (c) 2022 Lei Dong); please cite Dong, Du & Liu (2022)',
};

/**
 * Publishers that are evident from the site itself (the site owner, not the outlet a reprint quotes).
 * Keyed by host without "www."; anything not listed gets no publisher rather than a guess.
 */
const PUBLISHERS: Record<string, string> = {
  'english.beijing.gov.cn': "Beijing Municipal People's Government",
  'beijing.gov.cn': "Beijing Municipal People's Government",
  'ebeijing.gov.cn': "Beijing Municipal People's Government (eBeijing)",
  'fgw.beijing.gov.cn': 'Beijing Municipal Commission of Development and Reform',
  'sthj.tj.gov.cn': 'Tianjin Municipal Ecology and Environment Bureau',
  'phic.org.cn': 'Beijing Municipal Health Commission Information Centre',
  'english.news.cn': 'Xinhua News Agency',
  'chinadaily.com.cn': 'China Daily',
  'caijing.chinadaily.com.cn': 'China Daily',
  'district.ce.cn': 'China Economic Net (ce.cn)',
  'cn.chinagate.cn': 'China.org.cn (chinagate)',
  'news.sina.com.cn': 'Sina News',
  'zjknews.com': 'Zhangjiakou News',
  'news.huanbohainews.com.cn': 'Huanbohai News',
  'issuu.com': 'Greenpeace East Asia (on issuu)',
};

/** Licences stated for the content (SOURCES.md: the Wikipedia mirrors carry Wikipedia's licence). */
const LICENCES: Record<string, string> = {
  'wiwiki.kfd.me': 'CC BY-SA (Wikipedia content)',
  'earthspot.org': 'CC BY-SA (Wikipedia content)',
};

/** Host of a URL, lower-case, without port, trailing dot or leading "www.". */
export function hostOf(url: string): string {
  let h: string;
  try {
    h = new URL(url).hostname;
  } catch {
    h = url.replace(/^[a-z]+:\/\//i, '').split(/[/?#]/)[0] ?? url;
  }
  return h
    .toLowerCase()
    .replace(/:\d+$/, '')
    .replace(/\.$/, '')
    .replace(/^www\./, '');
}

const SUFFIXES = ['.gov.cn', '.com.cn', '.org.cn', '.net.cn', '.com', '.cn', '.org', '.net', '.cc', '.me'];

function hostSlug(url: string): string {
  let h = hostOf(url).replace(/^m\./, '');
  for (const s of SUFFIXES) {
    if (h.endsWith(s) && h.length > s.length) {
      h = h.slice(0, -s.length);
      break;
    }
  }
  return h.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * Stable ids for a set of source URLs: `src-<site>` (e.g. src-sthj-tj), and when one site gives several
 * URLs, `src-<site>-<last number of 3+ digits in the URL>` (e.g. src-phic-439454); URLs of one site that
 * share that number (files of one repository commit) get `src-<site>-<8 hex digits of the URL's SHA-1>`.
 * Fails loudly (throws) if two URLs would still share an id.
 */
export function sourceIds(urls: Iterable<string>): Map<string, string> {
  const unique = [...new Set(urls)].sort();
  const bySlug = new Map<string, string[]>();
  for (const u of unique) {
    const s = hostSlug(u);
    bySlug.set(s, [...(bySlug.get(s) ?? []), u]);
  }
  const ids = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const [slug, list] of bySlug) {
    const byNumber = new Map<string, string>();
    const count = new Map<string, number>();
    for (const u of list) {
      let id = `src-${slug}`;
      if (list.length > 1) {
        const nums = u.replace(/^[a-z]+:\/\/[^/]+/i, '').match(/\d{3,}/g);
        id += `-${nums?.[nums.length - 1] ?? 'x'}`;
      }
      byNumber.set(u, id);
      count.set(id, (count.get(id) ?? 0) + 1);
    }
    for (const u of list) {
      // Several URLs with the same last number (files of one repository commit): each gets a short hash
      // of its URL instead, so the ids of URLs that never collide stay as they were.
      let id = byNumber.get(u)!;
      if ((count.get(id) ?? 0) > 1)
        id = `src-${slug}-${createHash('sha1').update(u).digest('hex').slice(0, 8)}`;
      const prev = seen.get(id);
      if (prev) throw new Error(`source id ${id} would be shared by ${prev} and ${u}`);
      seen.set(id, u);
      ids.set(u, id);
    }
  }
  return ids;
}

/** One row of a SOURCES.md table that names sources: the text of its source cell and description cell. */
interface DescribedSource {
  cell: string;
  description: string;
}

function splitRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

/** Read every markdown table whose header has a "source" column; the next column is its description. */
export function describedSources(markdown: string): DescribedSource[] {
  const out: DescribedSource[] = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.trim().startsWith('|') || !/^\|?\s*:?-{3,}/.test(lines[i + 1]?.trim() ?? '')) continue;
    const header = splitRow(lines[i]!).map((h) => h.toLowerCase());
    const si = header.indexOf('source');
    let j = i + 2;
    for (; j < lines.length && lines[j]!.trim().startsWith('|'); j++) {
      if (si < 0 || si + 1 >= header.length) continue;
      const cells = splitRow(lines[j]!);
      out.push({ cell: cells[si] ?? '', description: (cells[si + 1] ?? '').replace(/\*\*/g, '') });
    }
    i = j - 1;
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Find the SOURCES.md description of a URL: an exact URL in a source cell first, then an abbreviated one
 * ("http://host/...tail", "..." standing for any text), then a bare site name in a list ("fudaoke.com").
 */
export function describe(url: string, table: readonly DescribedSource[]): string | undefined {
  const urlRe = /https?:\/\/[^\s;,()]+/g;
  // SOURCES.md sometimes writes percent-encoded URLs decoded (…/zh-tw/河北省地区生产总值).
  let decoded = url;
  try {
    decoded = decodeURI(url);
  } catch {
    /* keep as is */
  }
  for (const d of table) {
    const inCell: string[] = d.cell.match(urlRe) ?? [];
    if (inCell.includes(url) || inCell.includes(decoded)) return d.description;
  }
  for (const d of table) {
    for (const u of d.cell.match(urlRe) ?? []) {
      if (!u.includes('...') && !u.includes('…')) continue;
      const re = new RegExp(
        '^' +
          u
            .split(/\.\.\.|…/)
            .map(escapeRe)
            .join('.*') +
          '$',
      );
      if (re.test(url)) return d.description;
    }
  }
  const host = hostOf(url);
  for (const d of table) {
    const sites = d.cell.replace(urlRe, '').match(/\b[a-z0-9-]+(\.[a-z0-9-]+)+\b/gi) ?? [];
    for (const s of sites) {
      const site = s.toLowerCase().replace(/^www\./, '');
      if (host === site || (site.split('.').length >= 2 && hostOf(`http://${s}`) === host))
        return d.description;
    }
  }
  return undefined;
}

/**
 * SourceInfo for each URL, sorted by id. URLs that SOURCES.md does not describe are titled by their site
 * and returned in `undescribed` so the build can say so.
 */
export function buildSources(
  urls: Iterable<string>,
  markdown: string,
): { sources: SourceInfo[]; ids: Map<string, string>; undescribed: string[] } {
  const ids = sourceIds(urls);
  const table = describedSources(markdown);
  const undescribed: string[] = [];
  const sources: SourceInfo[] = [];
  for (const [url, id] of ids) {
    const host = hostOf(url);
    let title = describe(url, table);
    if (title === undefined) {
      undescribed.push(url);
      title = `${host} (not described in SOURCES.md)`;
    } else {
      // Several pages share one SOURCES.md row; the site name tells them apart in a list.
      title = `${host} — ${title}`;
    }
    const s: SourceInfo = { id, title, url };
    const publisher = PUBLISHERS[host];
    if (publisher) s.publisher = publisher;
    const licence = LICENCES[host];
    if (licence) s.licence = licence;
    sources.push(s);
  }
  sources.push(CENSUS_SOURCE);
  sources.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { sources, ids, undescribed };
}

/** Official = published on a government site (*.gov.cn) or computed from the census tabulation. */
export function isOfficialSource(url: string): boolean {
  return hostOf(url).endsWith('.gov.cn') || url === CENSUS_SOURCE.url;
}

/** A page as the build knows it (pages.csv or a staged row). */
export interface PageInfo {
  title: string;
  publisher: string;
  kind: SourceKind;
  coverage?: [number, number];
}

const UNTITLED = /^\[(page )?title not in stored text\]/i;

/** A readable stand-in for a page whose title is not in the stored text: says so, names host and path end. */
function untitled(url: string): string {
  const tail = url
    .replace(/^[a-z]+:\/\/[^/]+/i, '')
    .split(/[?#]/)[0]!
    .split('/')
    .filter(Boolean)
    .slice(-2)
    .join('/');
  return `[page title not in stored text] ${hostOf(url)}${tail ? ` /${decodeSafe(tail)}` : ''}`;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * SourceInfo for every page, sorted by id: the page's own title (a stand-in saying "title not in stored
 * text" where the capture lacks it), its publisher and kind, the years it reports (`years` per URL, when
 * the page table gives none). Two pages never share a title: a repeated title gets the host and path end.
 */
export function sourcesFromPages(
  pages: ReadonlyMap<string, PageInfo>,
  years: ReadonlyMap<string, readonly number[]>,
  extra: readonly SourceInfo[],
): { sources: SourceInfo[]; ids: Map<string, string> } {
  const ids = sourceIds(pages.keys());
  const count = new Map<string, number>();
  for (const p of pages.values()) count.set(p.title, (count.get(p.title) ?? 0) + 1);
  const sources: SourceInfo[] = [];
  for (const [url, id] of ids) {
    const p = pages.get(url)!;
    let title = UNTITLED.test(p.title) || p.title === '' ? untitled(url) : p.title;
    if (!UNTITLED.test(p.title) && (count.get(p.title) ?? 0) > 1)
      title = `${p.title} (${untitled(url).replace(/^\[page title not in stored text\] /, '')})`;
    const ys = years.get(url) ?? [];
    const coverage =
      p.coverage ?? (ys.length ? ([Math.min(...ys), Math.max(...ys)] as [number, number]) : undefined);
    const s: SourceInfo = { id, title, url, publisher: p.publisher, kind: p.kind };
    if (coverage) s.coverage = coverage;
    const licence = LICENCES[hostOf(url)];
    if (licence) s.licence = licence;
    sources.push(s);
  }
  sources.push(...extra);
  sources.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { sources, ids };
}

/** Computed series: the rail engine and the hospital register (the build computes; these are the inputs). */
export const RAIL_SOURCE: SourceInfo = {
  id: 'rail-engine',
  title:
    'Rail isochrone engine of this app (src/core/rail) on geo/build/rail network.json, access-grid.json and calibration.json',
  url: 'rail/calibration.json',
  publisher:
    'computed by the data build (network from ../shared/data/rail, OpenStreetMap-derived tracks, official line lengths; population from the 2020 census)',
  kind: 'third_party',
  coverage: [2008, 2024],
};

export const REGISTER_SOURCE: SourceInfo = {
  id: 'register-bj-hospitals',
  title: '医院.csv (Beijing hospital register, category 医院, c. 2019–2021) in github.com/ZYM66/AUTO_GET_W_E',
  url: 'https://github.com/ZYM66/AUTO_GET_W_E',
  publisher:
    'ZYM66/AUTO_GET_W_E (upstream list not named; layout of the health-statistics institution register)',
  kind: 'third_party',
  coverage: [2019, 2021],
};

/** Sources whose values are not read on a page: the census table and the series the build computes. */
export const COMPUTED_SOURCE_IDS: readonly string[] = [CENSUS_SOURCE_ID, RAIL_SOURCE.id, REGISTER_SOURCE.id];

/**
 * A value cited from a page: not from the census table or a computed series, and not computed by the build
 * from cited values (per-capita rows, note "computed: …"). The official share counts these.
 */
export function isCitedValue(r: { source_id: string; note: string }): boolean {
  return !COMPUTED_SOURCE_IDS.includes(r.source_id) && !r.note.startsWith('computed');
}
