// User settings in storage.local (never synced, never sent anywhere):
//   disabledSites: string[]  hostnames where Chaff is off (it is on elsewhere)
//   hiddenKinds:   string[]  labels that are hidden (default HIDDEN_BY_DEFAULT)
import { api } from './api.js';
import { CHROME_LABELS, HIDDEN_BY_DEFAULT } from './labels.js';

export const KEYS = Object.freeze({ disabledSites: 'disabledSites', hiddenKinds: 'hiddenKinds' });

export function normaliseHiddenKinds(value) {
  if (!Array.isArray(value)) return [...HIDDEN_BY_DEFAULT];
  return CHROME_LABELS.filter((l) => value.includes(l));
}

export function normaliseSites(value) {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((s) => typeof s === 'string' && s.length > 0))].sort();
}

export async function loadSettings() {
  return readSettings(await api.storage.local.get([KEYS.disabledSites, KEYS.hiddenKinds]));
}

/** The settings in what storage.local.get returned. */
export function readSettings(got) {
  return {
    disabledSites: normaliseSites(got[KEYS.disabledSites]),
    hiddenKinds: normaliseHiddenKinds(got[KEYS.hiddenKinds]),
  };
}

export async function setSiteEnabled(host, enabled) {
  const { disabledSites } = await loadSettings();
  const next = new Set(disabledSites);
  if (enabled) next.delete(host);
  else next.add(host);
  await api.storage.local.set({ [KEYS.disabledSites]: [...next].sort() });
  return enabled;
}

export async function toggleSite(host) {
  const { disabledSites } = await loadSettings();
  return setSiteEnabled(host, disabledSites.includes(host));
}

export async function setHiddenKinds(kinds) {
  await api.storage.local.set({ [KEYS.hiddenKinds]: normaliseHiddenKinds(kinds) });
}
