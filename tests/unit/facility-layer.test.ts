// The facility point layer draws typed arrays built once per point list (issue 15: 100 k points).
import { describe, expect, it } from 'vitest';
import { FACILITY_COLORS } from '../../src/layers/colors.ts';
import { drawsAnything } from '../../src/layers/inputs.ts';
import {
  facilityLayers,
  facilityPointArrays,
  type FacilityLayerInputs,
  type FacilityPoint,
} from '../../src/layers/facilities.ts';

const points: FacilityPoint[] = [
  { type: 'hospital', lon: 116.3912, lat: 39.9073, flagged: false, user: false, name: '北京协和医院' },
  { type: 'library', lon: 117.2, lat: 39.13, flagged: true, user: false, name: 'flagged library' },
  { type: 'hospital', lon: 114.5, lat: 38.04, flagged: false, user: true, name: 'my clinic', line: 2 },
];

/** Layer inputs with one point list, drawn. */
function one(list: FacilityPoint[], more: Partial<FacilityLayerInputs> = {}): FacilityLayerInputs {
  const set = { id: 'hospital' as const, type: 'hospital' as const, points: list, visible: true };
  return { sets: [set], density: null, beforeId: 'labels', scale: 1, ...more };
}

describe('facility point arrays', () => {
  it('hold each point’s position, colours and size, in list order', () => {
    const a = facilityPointArrays(points);
    expect(a.length).toBe(3);
    expect([...a.attributes.getPosition.value]).toEqual([116.3912, 39.9073, 117.2, 39.13, 114.5, 38.04]);
    const fill = a.attributes.getFillColor.value;
    const line = a.attributes.getLineColor.value;
    expect([...fill.slice(0, 4)]).toEqual(FACILITY_COLORS.hospital);
    // A flagged point is hollow: white inside its type's colour.
    expect([...fill.slice(4, 8)]).toEqual([255, 255, 255, 180]);
    expect([...line.slice(4, 8)]).toEqual(FACILITY_COLORS.library);
    // The user's own points have their own colour and are drawn a little larger.
    expect([...fill.slice(8, 12)]).toEqual(FACILITY_COLORS.user);
    expect(a.attributes.getRadius.value[2]).toBeGreaterThan(a.attributes.getRadius.value[0]!);
  });

  it('are built once per list: a new layer over the same list gets the same data, a new list new data', () => {
    const draw = (list: FacilityPoint[], scale = 1) => facilityLayers(one(list, { scale }))[0]!.props.data;
    const first = draw(points);
    expect(draw(points)).toBe(first);
    // A print export scales sizes by a uniform, not by new arrays.
    expect(draw(points, 3)).toBe(first);
    expect(draw([...points])).not.toBe(first);
  });

  it('hand back the point at the picked index (binary data has no objects)', () => {
    const layer = facilityLayers(one(points))[0]!;
    const info = layer.getPickingInfo({
      info: { index: 2, object: null } as never,
      mode: 'query',
      sourceLayer: layer,
    });
    expect(info.object).toBe(points[2]);
  });
});

describe('facility layers', () => {
  it('keep a layer with its data for a list that is switched off, and draw nothing then', () => {
    const on = one(points);
    const off = one(points, { sets: [{ ...on.sets[0]!, visible: false }] });
    const [shown] = facilityLayers(on);
    const [hidden] = facilityLayers(off);
    expect(hidden!.id).toBe(shown!.id);
    expect(hidden!.props.visible).toBe(false);
    expect(hidden!.props.data).toBe(shown!.props.data);
    const boundaries = { type: 'FeatureCollection' as const, features: [] };
    expect(drawsAnything({ boundaries, selected: null, facilities: off })).toBe(false);
    expect(drawsAnything({ boundaries, selected: null, facilities: on })).toBe(true);
  });

  it('add the hexagon density over the given points, keeping the point layers', () => {
    const layers = facilityLayers(one(points, { density: points }));
    expect(layers.map((l) => l.id)).toEqual(['facility-points-hospital', 'facility-density']);
  });
});
