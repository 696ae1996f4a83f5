// The messages of a facility file check (src/core/access/csv.ts writes keys with parameters) in a
// language: the UI writes them in the interface language, the CLI in English.
import type { FacilityMessage } from '../core/access/csv.ts';
import type { Lang } from '../core/format.ts';
import { t } from './messages.ts';

/**
 * The message as text. Parameters that are themselves keys (an axis, a number problem) are
 * translated first; a type also gets its display name (`typeName`).
 * @example facilityMessage({ key: 'facility.coordMissing', params: { axis: 'latitude' } }, 'zh') // '纬度缺失'
 */
export function facilityMessage(m: FacilityMessage, lang: Lang): string {
  const p = { ...m.params };
  if (p.axis) p.axis = t(lang, `facility.axis.${p.axis}`);
  if (p.problem) p.problem = t(lang, `facility.problem.${p.problem}`);
  if (p.type) p.typeName = t(lang, `access.type.${p.type}`);
  return t(lang, m.key, p);
}
