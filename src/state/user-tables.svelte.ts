// The user's own indicator tables (data, not view state: a link names their indicators by id, the
// tables themselves stay in this browser). App.svelte merges them into the dataset.
import {
  isUserIndicator,
  legacyUserIndicatorId,
  withTable,
  type UserTable,
} from '../core/user-indicators.ts';
import type { Notice } from './url.ts';

export { withTable };

export const userData = $state<{ tables: UserTable[]; corrupt: string | null }>({
  tables: [],
  corrupt: null,
});

export function withoutTable(tables: readonly UserTable[], index: number): UserTable[] {
  return tables.filter((_, i) => i !== index);
}

/** A link to someone else's user indicator: say why it is missing rather than "unknown indicator". */
export function explainUserLink(notice: Notice): Notice {
  const value = notice.params?.value;
  return notice.key === 'url.unknownIndicator' && value && isUserIndicator(value)
    ? { key: 'userData.linkMissing', params: { value } }
    : notice;
}

/**
 * A link made before user ids grew to 64 bits names `ind=user:<8 hex>`: point it at the kept
 * indicator of that old id, so old links keep resolving. Other links come back unchanged.
 */
export function migrateUserLink(search: string, tables: readonly UserTable[]): string {
  const m = /([?&]ind=)user(?::|%3A)([0-9a-f]{8})(?=&|$)/i.exec(search);
  if (!m) return search;
  const old = `user:${m[2]!.toLowerCase()}`;
  const hit = tables.flatMap((t) => t.indicators).find((i) => legacyUserIndicatorId(i.name) === old);
  if (!hit) return search;
  return `${search.slice(0, m.index)}${m[1]}${encodeURIComponent(hit.id)}${search.slice(m.index + m[0].length)}`;
}
