// Local settings that are not part of a shared link: a link must never make the reader's browser call
// an online host they did not choose.
export type Basemap = 'offline' | 'online';

export const settings = $state<{ basemap: Basemap }>({ basemap: 'offline' });
