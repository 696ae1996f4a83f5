/**
 * The travel-time graph of the network open on a date, and Dijkstra on it.
 *
 * Nodes: one per station (where people board, alight and change), and per (station, line) platform an
 * "arrive" and a "depart" node. Edges (L = the platform's start or stop loss, see `stopLosses`):
 * - run      depart(a, L) → arrive(b, L): in-train minutes between consecutive stops of line L
 * - continue arrive(v, L) → depart(v, L): callShare × (dwellMin + 2 L) if v is in service, else 0
 * - through  arrive(v, L1) → depart(v, L2): as continue, where trains run through from L1 onto L2
 * - alight   arrive(v, L) → station v: L (braking)   (only at stations in service)
 * - board    station v → depart(v, L): transferMin + L (only at stations in service)
 * The origin boards without a transfer: its departure nodes are seeded directly with the fixed trip
 * time (tripMin) and the start loss there, so a trip pays tripMin once, a start and a stop, its calls
 * and a transfer per change of line, as the model says. Station nodes are not seeded (a seeded station
 * could otherwise board through a transfer edge and skip the fixed time); their seed minutes are
 * merged afterwards.
 *
 * The structure depends only on the date (`buildTopology`); the weights only on the parameters
 * (`weigh`), so calibration and UI sliders re-weigh without rebuilding.
 */
import { MinHeap } from './heap.ts';
import { STOP_LOSS_REF_KMH, type TravelParams } from './model.ts';
import type { RailNetworkData, RailSection, RailStation } from './types.ts';
import { onOrBefore, yearEnd } from './util.ts';

/** Edge kinds (stored in a Uint8Array). */
const Kind = { Run: 0, Link: 1, Dwell: 2, Pass: 3, Alight: 4, Board: 5 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

export interface RailTopology {
  /** Cut-off date (YYYY-MM-DD): sections opened and stations in service on or before it. */
  date: string;
  stations: readonly RailStation[];
  stationIndex: ReadonlyMap<string, number>;
  /** 1 when the station is in HSR service on the date. */
  inService: Uint8Array;
  /** 1 when the station is in service and has at least one open run edge. */
  onNetwork: Uint8Array;
  /** Departure-platform nodes of each station (seeds of a trip starting there). */
  departures: readonly (readonly number[])[];
  nodeCount: number;
  offsets: Int32Array;
  targets: Int32Array;
  kinds: Uint8Array;
  /** Run/link edges: length (km), hours at the span speeds (before the speed factor), km on conventional track. */
  km: Float64Array;
  hsrHours: Float64Array;
  convKm: Float64Array;
  /** Station index and line of each platform (node = stations + 2 × platform [+ 1 for depart]). */
  platformStation: readonly number[];
  platformLine: readonly string[];
  /**
   * Span speed (km/h, before the speed factor) of the fastest open HSR edge at each platform; 0 where
   * the platform only has conventional track or links (timed at linkSpeedKmh). Sets the start/stop loss.
   */
  platformKmh: Float64Array;
  /** Sections and connectors in the graph, and those left out (with why). */
  used: string[];
  skipped: string[];
}

export interface RailGraph extends RailTopology {
  weights: Float64Array;
  /** Minutes added once when a trip boards its first train. */
  tripMin: number;
  /** Acceleration loss (minutes) of a start at each platform, added to the seeds of a trip. */
  startMin: Float64Array;
}

interface PendingEdge {
  from: number;
  to: number;
  kind: Kind;
  km: number;
  hsrHours: number;
  convKm: number;
}

/**
 * Hours (at speed factor 1) and conventional km of the part [a, b] of a section on a date: the spans
 * valid on the date set their speed, the rest runs at the design speed.
 * `pieces` lists the HSR km at each speed, [km, km/h] (the fastest sets a platform's stop loss).
 * @example edgeTiming({ design_speed_kmh: 350, spans: [] }, 0, 35, '2024-12-31') // → { hsrHours: 0.1, convKm: 0, pieces: [[35, 350]] }
 */
export function edgeTiming(
  sec: Pick<RailSection, 'design_speed_kmh' | 'spans'>,
  a: number,
  b: number,
  date: string,
): { hsrHours: number; convKm: number; pieces: [number, number][] } {
  let hsrHours = 0;
  let convKm = 0;
  let covered = 0;
  const pieces: [number, number][] = [];
  for (const sp of sec.spans ?? []) {
    if (!onOrBefore(sp.valid_from, date) || (sp.valid_to !== null && !onOrBefore(date, sp.valid_to)))
      continue;
    const len = Math.min(b, sp.to_km) - Math.max(a, sp.from_km);
    if (len <= 0) continue;
    covered += len;
    if (sp.kmh === null) convKm += len;
    else {
      hsrHours += len / sp.kmh;
      pieces.push([len, sp.kmh]);
    }
  }
  const rest = Math.max(0, b - a - covered);
  hsrHours += rest / sec.design_speed_kmh!;
  if (rest > 0) pieces.push([rest, sec.design_speed_kmh!]);
  return { hsrHours, convKm, pieces };
}

/** Platform numbering and run edges of the sections and connectors open on the date. */
function collectRuns(
  net: RailNetworkData,
  date: string,
  stationIndex: ReadonlyMap<string, number>,
  inService: Uint8Array,
) {
  const platform = new Map<string, number>();
  const platformStation: number[] = [];
  const platformLine: string[] = [];
  const plat = (station: string, line: string): number => {
    const key = `${station}|${line}`;
    let k = platform.get(key);
    if (k === undefined) {
      k = platformStation.length;
      platform.set(key, k);
      platformStation.push(stationIndex.get(station)!);
      platformLine.push(line);
    }
    return k;
  };
  const runs: {
    a: number;
    b: number;
    kind: Kind;
    km: number;
    hsrHours: number;
    convKm: number;
    pieces: [number, number][];
  }[] = [];
  const used: string[] = [];
  const skipped: string[] = [];
  const onNetwork = new Uint8Array(net.stations.length);
  const add = (
    line: string,
    a: string,
    b: string,
    kind: Kind,
    km: number,
    t: { hsrHours: number; convKm: number; pieces: [number, number][] },
  ) => {
    runs.push({ a: plat(a, line), b: plat(b, line), kind, km, ...t });
    for (const s of [a, b]) if (inService[stationIndex.get(s)!]) onNetwork[stationIndex.get(s)!] = 1;
  };
  for (const sec of net.sections) {
    if (!onOrBefore(sec.opened, date)) continue;
    if (sec.design_speed_kmh === null) {
      skipped.push(`${sec.id}: no design speed in the sources`);
      continue;
    }
    used.push(sec.id);
    const pos = sec.stops.filter((s) => s.km !== null);
    for (let i = 1; i < pos.length; i++) {
      const [ka, kb] = [pos[i - 1]!.km!, pos[i]!.km!];
      add(sec.line, pos[i - 1]!.station, pos[i]!.station, Kind.Run, kb - ka, edgeTiming(sec, ka, kb, date));
    }
  }
  for (const c of net.connectors) {
    if (!onOrBefore(c.opened, date)) continue;
    used.push(c.id);
    add(c.line, c.from, c.to, Kind.Link, c.km, { hsrHours: 0, convKm: c.km, pieces: [] });
  }
  return { platform, platformStation, platformLine, runs, used, skipped, onNetwork };
}

/**
 * The graph structure of the network open on `date` (YYYY-MM-DD; yearEnd(Y) for "year Y").
 * Sections without any design speed (秦沈 in the sources) cannot be timed and are listed in `skipped`.
 * @example const topo = buildTopology(network, '2024-12-31'); topo.used.length // → sections + links open
 */
export function buildTopology(net: RailNetworkData, date: string): RailTopology {
  const S = net.stations.length;
  const stationIndex = new Map(net.stations.map((s, i) => [s.id, i]));
  const inService = Uint8Array.from(net.stations, (s) => (onOrBefore(s.service_from, date) ? 1 : 0));
  const { platform, platformStation, platformLine, runs, used, skipped, onNetwork } = collectRuns(
    net,
    date,
    stationIndex,
    inService,
  );
  const nodeCount = S + 2 * platformStation.length;
  const arr = (k: number) => S + 2 * k;
  const dep = (k: number) => S + 2 * k + 1;
  const edges: PendingEdge[] = [];
  const none = { km: 0, hsrHours: 0, convKm: 0 };
  for (const r of runs) {
    const t = { kind: r.kind, km: r.km, hsrHours: r.hsrHours, convKm: r.convKm };
    edges.push({ from: dep(r.a), to: arr(r.b), ...t });
    edges.push({ from: dep(r.b), to: arr(r.a), ...t });
  }
  const platformKmh = new Float64Array(platformStation.length);
  for (const r of runs) {
    const v = Math.max(0, ...r.pieces.map(([, kmh]) => kmh));
    for (const k of [r.a, r.b]) if (v > platformKmh[k]!) platformKmh[k] = v;
  }
  const departures: number[][] = net.stations.map(() => []);
  platformStation.forEach((s, k) => {
    const open = inService[s] === 1;
    edges.push({ from: arr(k), to: dep(k), kind: open ? Kind.Dwell : Kind.Pass, ...none });
    if (!open) return;
    edges.push({ from: arr(k), to: s, kind: Kind.Alight, ...none });
    edges.push({ from: s, to: dep(k), kind: Kind.Board, ...none });
    departures[s]!.push(dep(k));
  });
  // Through services: stay on the train from one line onto the other (both directions).
  for (const th of net.through ?? []) {
    if (!onOrBefore(th.valid_from, date)) continue;
    const a = platform.get(`${th.station}|${th.lines[0]}`);
    const b = platform.get(`${th.station}|${th.lines[1]}`);
    if (a === undefined || b === undefined) continue;
    const kind = inService[stationIndex.get(th.station)!] === 1 ? Kind.Dwell : Kind.Pass;
    edges.push({ from: arr(a), to: dep(b), kind, ...none });
    edges.push({ from: arr(b), to: dep(a), kind, ...none });
  }
  return {
    date,
    stations: net.stations,
    stationIndex,
    inService,
    onNetwork,
    departures,
    nodeCount,
    platformStation,
    platformLine,
    platformKmh,
    ...toCsr(nodeCount, edges),
    used,
    skipped,
  };
}

/** Compressed sparse rows (edges keep their insertion order per node, so results are deterministic). */
function toCsr(n: number, edges: readonly PendingEdge[]) {
  const offsets = new Int32Array(n + 1);
  for (const e of edges) offsets[e.from + 1]!++;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const m = edges.length;
  const targets = new Int32Array(m);
  const kinds = new Uint8Array(m);
  const km = new Float64Array(m);
  const hsrHours = new Float64Array(m);
  const convKm = new Float64Array(m);
  for (const e of edges) {
    const at = fill[e.from]!++;
    targets[at] = e.to;
    kinds[at] = e.kind;
    km[at] = e.km;
    hsrHours[at] = e.hsrHours;
    convKm[at] = e.convKm;
  }
  return { offsets, targets, kinds, km, hsrHours, convKm };
}

/**
 * Minutes lost by one start (or one stop) at each platform: stopLossMin × operating speed / 350 km/h
 * (the time lost accelerating to, or braking from, a speed grows with that speed). The operating speed is
 * span speed × speedFactor, or linkSpeedKmh where the platform only has conventional track.
 * @example stopLosses(topo, { ...params, stopLossMin: 2 }) // → 2 at a 350 km/h platform, ≈ 1.14 at 200
 */
export function stopLosses(
  t: Pick<RailTopology, 'platformKmh'>,
  p: Pick<TravelParams, 'stopLossMin' | 'speedFactor' | 'linkSpeedKmh'>,
): Float64Array {
  const loss = new Float64Array(t.platformKmh.length);
  const per = p.stopLossMin ?? 0;
  if (per === 0) return loss;
  t.platformKmh.forEach((v, k) => {
    const r = (v > 0 ? v * p.speedFactor : p.linkSpeedKmh) / STOP_LOSS_REF_KMH;
    loss[k] = per * r * r;
  });
  return loss;
}

/**
 * Edge minutes of a topology under the parameters (params must be valid: see validateParams).
 * A call at an intermediate station costs dwellMin + a stop and a start (2 × the stop loss), and the
 * fastest service calls at a share callShare of them (1 = every station, the older model): the dwell
 * edge weighs callShare × (dwellMin + 2 × loss). Alighting pays one stop loss, boarding (after a
 * transfer) one start loss, the trip's first boarding tripMin + one start loss (`startMin`).
 * @example const g = weigh(buildTopology(network, '2024-12-31'), params);
 */
export function weigh(t: RailTopology, p: TravelParams): RailGraph {
  const w = new Float64Array(t.kinds.length);
  const S = t.stations.length;
  const loss = stopLosses(t, p);
  const share = p.callShare ?? 1;
  for (let v = 0; v < t.nodeCount; v++) {
    // Platform of an arrive/depart node (station nodes have none).
    const k = v >= S ? (v - S) >> 1 : -1;
    for (let i = t.offsets[v]!; i < t.offsets[v + 1]!; i++) {
      switch (t.kinds[i]) {
        case Kind.Run:
        case Kind.Link: {
          w[i] = (t.hsrHours[i]! / p.speedFactor + t.convKm[i]! / p.linkSpeedKmh) * 60;
          break;
        }
        case Kind.Dwell:
          w[i] = share * (p.dwellMin + 2 * loss[k]!);
          break;
        case Kind.Alight:
          w[i] = loss[k]!;
          break;
        case Kind.Board: {
          const to = (t.targets[i]! - S) >> 1;
          w[i] = p.transferMin + loss[to]!;
          break;
        }
        default:
          w[i] = 0;
      }
    }
  }
  return { ...t, weights: w, tripMin: p.tripMin ?? 0, startMin: loss };
}

/**
 * The network open at the end of a year: sections opened on or before 31 December, stations in HSR
 * service by then, and the schematic links active by then (for the map's year slider).
 * @example networkForYear(network, 2013).sections.map((s) => s.id) // → ['SEC01', …, 'SEC06', 'SEC07']
 */
export function networkForYear(
  net: RailNetworkData,
  year: number,
): Pick<RailNetworkData, 'sections' | 'stations' | 'connectors'> {
  const date = yearEnd(year);
  return {
    sections: net.sections.filter((s) => onOrBefore(s.opened, date)),
    stations: net.stations.filter((s) => onOrBefore(s.service_from, date)),
    connectors: net.connectors.filter((c) => onOrBefore(c.opened, date)),
  };
}

/**
 * Build the weighted graph of the network open on `date` in one call.
 * @example
 * const g = buildGraph(network, '2024-12-31', params);
 * travelMinutes(g, 'ST001', 'ST004') // → about 30 (北京南 → 天津)
 */
export function buildGraph(net: RailNetworkData, date: string, p: TravelParams): RailGraph {
  return weigh(buildTopology(net, date), p);
}

/**
 * Dijkstra with a binary heap from several seeds (node, start minutes). Returns minutes per node
 * (Infinity when unreachable). Weights must be ≥ 0, which validateParams guarantees.
 * @example dijkstra(g, [[0, 0]])[g.stationIndex.get('ST004')!] // minutes from station 0 to 天津
 */
export function dijkstra(
  g: Pick<RailGraph, 'nodeCount' | 'offsets' | 'targets' | 'weights'>,
  seeds: readonly (readonly [number, number])[],
  pred?: Int32Array,
): Float64Array {
  pred?.fill(-1);
  const dist = new Float64Array(g.nodeCount).fill(Infinity);
  const heap = new MinHeap(Math.max(16, g.nodeCount));
  for (const [node, t] of seeds) {
    if (t < dist[node]!) {
      dist[node] = t;
      heap.push(node, t);
    }
  }
  while (heap.size > 0) {
    const key = heap.peekKey();
    const v = heap.pop();
    if (key > dist[v]!) continue; // stale entry
    for (let k = g.offsets[v]!; k < g.offsets[v + 1]!; k++) {
      const w = g.targets[k]!;
      const t = key + g.weights[k]!;
      if (t < dist[w]!) {
        dist[w] = t;
        if (pred) pred[w] = v;
        heap.push(w, t);
      }
    }
  }
  return dist;
}

/** A trip start: a station and the minutes already spent reaching it (0 at the origin station). */
export interface StationSeed {
  station: string;
  minutes: number;
}

/**
 * Minutes from the seeds to every station (index = graph.stationIndex), Infinity when unreachable.
 * A seed at a station not in service gives no train (only that station gets its time).
 * @example stationTimes(g, [{ station: 'ST001', minutes: 0 }])[g.stationIndex.get('ST004')!]
 */
export function stationTimes(g: RailGraph, seeds: readonly StationSeed[], pred?: Int32Array): Float64Array {
  const init: [number, number][] = [];
  const own = new Float64Array(g.stations.length).fill(Infinity);
  for (const s of seeds) {
    const i = g.stationIndex.get(s.station);
    if (i === undefined) throw new Error(`unknown station id ${s.station}`);
    own[i] = Math.min(own[i]!, s.minutes);
    for (const d of g.departures[i]!)
      init.push([d, s.minutes + g.tripMin + (g.startMin?.[(d - g.stations.length) >> 1] ?? 0)]);
  }
  const dist = dijkstra(g, init, pred).slice(0, g.stations.length);
  for (let i = 0; i < dist.length; i++) if (own[i]! < dist[i]!) dist[i] = own[i]!;
  return dist;
}

/** One leg of a trip: a line between two stations, with the stations passed or stopped at. */
export interface TripLeg {
  line: string;
  from: string;
  to: string;
  /** Intermediate stations in order (stopped at when in service, else passed). */
  via: string[];
  km: number;
}

/** A timed trip between two stations: minutes and legs (a new leg = a transfer). */
export interface TripPath {
  minutes: number;
  legs: TripLeg[];
  transfers: number;
  /** Intermediate stations in service (each costs callShare × a call). */
  stops: number;
}

/**
 * The fastest trip between two stations with its legs (null when not connected). Lines continue across
 * a through-service edge without a transfer, so such a leg lists both lines joined by "+".
 * @example tripPath(g, 'ST001', 'ST058')?.legs.map((l) => l.line) // → ['L03'] …
 */
export function tripPath(g: RailGraph, from: string, to: string): TripPath | null {
  const j = g.stationIndex.get(to);
  if (j === undefined) throw new Error(`unknown station id ${to}`);
  const pred = new Int32Array(g.nodeCount);
  const dist = stationTimes(g, [{ station: from, minutes: 0 }], pred);
  if (!Number.isFinite(dist[j]!)) return null;
  const S = g.stations.length;
  const nodes: number[] = [];
  for (let v = j; v !== -1; v = pred[v]!) nodes.push(v);
  nodes.reverse();
  const legs: TripLeg[] = [];
  let stops = 0;
  const edgeKm = (a: number, b: number): number => {
    for (let k = g.offsets[a]!; k < g.offsets[a + 1]!; k++) if (g.targets[k] === b) return g.km[k]!;
    return 0;
  };
  let leg: TripLeg | null = null;
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i]!;
    if (v < S) continue;
    const k = (v - S) >> 1;
    const station = g.stations[g.platformStation[k]!]!.id;
    const line = g.platformLine[k]!;
    const isDep = (v - S) % 2 === 1;
    if (isDep) {
      const prev = i > 0 ? nodes[i - 1]! : -1;
      if (!leg) leg = { line, from: station, to: station, via: [], km: 0 };
      else if (prev >= S && line !== leg.line.split('+').at(-1)) leg.line += `+${line}`;
      continue;
    }
    // arrive node
    if (leg) {
      leg.km += edgeKm(nodes[i - 1]!, v);
      leg.to = station;
      const next = nodes[i + 1];
      if (next !== undefined && next >= S) {
        leg.via.push(station);
        if (g.inService[g.stationIndex.get(station)!]) stops++;
      } else {
        legs.push({ ...leg, km: round3(leg.km) });
        leg = null;
      }
    }
  }
  return { minutes: dist[j]!, legs, transfers: Math.max(0, legs.length - 1), stops };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Minutes of the fastest trip between two stations (Infinity when not connected on the graph's date).
 * @example travelMinutes(buildGraph(network, '2024-12-31', params), 'ST001', 'ST004')
 */
export function travelMinutes(g: RailGraph, from: string, to: string): number {
  const j = g.stationIndex.get(to);
  if (j === undefined) throw new Error(`unknown station id ${to}`);
  return stationTimes(g, [{ station: from, minutes: 0 }])[j]!;
}
