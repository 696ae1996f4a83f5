// The user's own indicator tables (data, not view state: a link names their indicators by id, the
// tables themselves stay in this browser). App.svelte merges them into the dataset.
import { isUserIndicator, withTable, type UserTable } from '../core/user-indicators.ts';
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
