// What is under a point of the live map: a deck.gl object (station, line, facility, density cell)
// if a deck layer is on there, else the unit of the level on show.
import type { SectionFeature } from '../core/rail/types.ts';
import type { Level } from '../core/types.ts';
import type { FacilityPoint } from '../layers/facilities.ts';
import { FACILITY_POINT_LAYER_IDS } from '../layers/inputs.ts';
import type { Hovered } from '../state/store.svelte.ts';
import type { ExplorerMap, Point } from './explorer-map.ts';

const DECK_PICKABLE = [
  'rail-stations',
  'rail-sections',
  'rail-planned',
  ...FACILITY_POINT_LAYER_IDS,
  'facility-density',
];

/** The deck.gl object under a point, as the tooltip and the click handler want it. */
function deckObjectAt(em: ExplorerMap, point: Point): Hovered | null {
  const hit = em.pickDeck(point, DECK_PICKABLE);
  if (!hit) return null;
  if (FACILITY_POINT_LAYER_IDS.includes(hit.layerId)) {
    const p = hit.object as FacilityPoint;
    const f = p.feature?.properties;
    return {
      kind: 'facility',
      name: p.name,
      type: p.type,
      grade: f?.grade ?? null,
      beds: f?.beds ?? null,
      source: f?.source ?? (p.line ? `CSV line ${p.line}` : ''),
      confidence: f?.confidence ?? 'medium',
      flag: f?.flag ?? null,
      user: p.user,
    };
  }
  if (hit.layerId === 'facility-density')
    return { kind: 'density', count: (hit.object as { count: number }).count };
  if (hit.layerId === 'rail-stations') return { kind: 'station', id: (hit.object as { id: string }).id };
  if (hit.layerId === 'rail-sections')
    return { kind: 'section', id: (hit.object as SectionFeature).properties.section_id };
  return { kind: 'planned', name: (hit.object as { name_zh: string }).name_zh };
}

/**
 * What is under a point: a deck object when `deckOn` (some deck layer is drawn), else the unit.
 * @example pickAt(em, { x: 200, y: 150 }, 'county', false) // → { kind: 'unit', code: '130102' }
 */
export function pickAt(em: ExplorerMap, point: Point, level: Level, deckOn: boolean): Hovered | null {
  const onDeck = deckOn ? deckObjectAt(em, point) : null;
  if (onDeck) return onDeck;
  const code = em.pick(point, level);
  return code ? { kind: 'unit', code } : null;
}
