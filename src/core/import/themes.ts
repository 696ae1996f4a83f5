/**
 * Indicator themes (issue 11): the picker, the unit panel, the coverage view and the downloads group
 * indicators by them. The catalogue gives each indicator a `theme`; for a catalogue without one (older
 * builds, user tables) the theme is derived from the indicator id, so grouping works on any data.
 */

// The themes are a fact of the catalogue (core/types.ts); this module groups by them.
import { THEMES, type Theme } from '../types.ts';

export const THEME_ORDER = THEMES;
export type ThemeId = Theme;

/** The group of user tables that match no catalogue indicator. */
export const USER_THEME = 'user';
export type ThemeGroup = ThemeId | typeof USER_THEME;

const isTheme = (v: unknown): v is ThemeId =>
  typeof v === 'string' && (THEME_ORDER as readonly string[]).includes(v);

// Fallback by id, first match wins; the patterns follow the catalogue's id words.
const BY_ID: [RegExp, ThemeId][] = [
  [/bed|doctor|nurse|hospital|medical|health|clinic|physician/, 'health'],
  [/school|pupil|teacher|student|college|universit|education|enrol/, 'education'],
  [/librar|museum|culture|theatre|book/, 'culture'],
  [/pension|insurance|dibao|allowance|social|welfare/, 'social_security'],
  [/pm25|pm10|air|pollution|green|emission|environment/, 'environment'],
  [/hsr|rail|travel|minutes|road|transport|station/, 'transport'],
  [/census|population|resident|household|urban|density|age|share_6/, 'population'],
  [/shared|sharing|cooperat|cross_border/, 'sharing'],
  [/gdp|income|investment|area|economy|revenue|wage/, 'economy'],
];

/**
 * The theme of an indicator: the catalogue's own `theme` when it has a valid one, else one derived from the id.
 * @example themeOf({ id: 'beds_per_1000' }) // 'health'
 * @example themeOf({ id: 'x', theme: 'culture' }) // 'culture'
 */
export function themeOf(meta: { id: string; theme?: unknown }): ThemeId {
  if (isTheme(meta.theme)) return meta.theme;
  const id = meta.id.toLowerCase();
  for (const [re, theme] of BY_ID) if (re.test(id)) return theme;
  return 'economy';
}

/**
 * Items grouped by theme in THEME_ORDER (user group last), empty groups left out; order inside a group kept.
 * @example groupByTheme([{ id: 'gdp' }, { id: 'beds_per_1000' }], (m) => themeOf(m)) // [['health', [...]], ['economy', [...]]]
 */
export function groupByTheme<T>(items: readonly T[], theme: (item: T) => ThemeGroup): [ThemeGroup, T[]][] {
  const groups = new Map<ThemeGroup, T[]>();
  for (const item of items) {
    const g = theme(item);
    const list = groups.get(g);
    if (list) list.push(item);
    else groups.set(g, [item]);
  }
  const order: readonly ThemeGroup[] = [...THEME_ORDER, USER_THEME];
  return order.filter((g) => groups.has(g)).map((g) => [g, groups.get(g)!]);
}

/**
 * The group an indicator is listed under: its theme; a user table's indicator under the theme of the
 * catalogue indicator it matched, else under "your own data".
 * @example themeGroup({ id: 'user:0a1b2c3d' }, null) // 'user'
 */
export function themeGroup(
  meta: { id: string; theme?: unknown },
  matched?: { id: string; theme?: unknown } | null,
): ThemeGroup {
  if (meta.id.startsWith('user:')) return matched ? themeOf(matched) : USER_THEME;
  return themeOf(meta);
}

/**
 * themeGroup for a catalogue entry, following a user indicator's `matches` (the catalogue id its name
 * matched, set by userDatasetExtra) through `lookup`.
 * @example groupOfIndicator({ id: 'user:1', matches: 'gdp' }, () => undefined) // 'economy'
 */
export function groupOfIndicator(
  meta: { id: string; theme?: unknown; matches?: unknown },
  lookup: (id: string) => { id: string; theme?: unknown } | undefined,
): ThemeGroup {
  const m = typeof meta.matches === 'string' ? meta.matches : undefined;
  return themeGroup(meta, m ? (lookup(m) ?? { id: m }) : null);
}
