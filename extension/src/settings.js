// User settings (never sent anywhere but the browser's own sync):
//   disabledSites: string[]  hostnames where Chaff is off (it is on elsewhere)
//   hiddenKinds:   string[]  labels that are hidden (default HIDDEN_BY_DEFAULT)
//
// Where they live: storage.sync while they fit its quota (QUOTA_BYTES_PER_ITEM,
// QUOTA_BYTES, MAX_ITEMS), so that they follow the user to the browser's
// other devices; storage.local when they do not fit, when sync is missing or
// failing (a sync turned off by policy, a quota error). The rule that makes
// the two agree: a settings key present in storage.local wins over the same
// key in storage.sync. Each save writes every settings key to one area:
// sync, then removes them from local (writing the new values to local first
// if it held any, so that no reader sees old values in between); or local
// (a fallback), leaving sync as it was. Settings stored in local by an older version are moved to sync once
// (`migrateSettings`, from the background; MIGRATED_KEY marks it done).
// The user's corrections (corrections.js, one key per site) follow the same
// rule (`saveItems`), so sync holds them too, and each save's quota check
// counts what sync holds besides the keys it writes. Learned selectors
// (learned.js) are a cache and stay in storage.local.
import { api } from './api.js';
import { CHROME_LABELS, HIDDEN_BY_DEFAULT } from './labels.js';

export const KEYS = Object.freeze({ disabledSites: 'disabledSites', hiddenKinds: 'hiddenKinds' });
export const SETTINGS_KEYS = Object.freeze(Object.values(KEYS));
/** In storage.local: set once the one-time move of local settings to sync has been tried. */
export const MIGRATED_KEY = 'settingsMigrated';
/**
 * In storage.local: `true` makes the content script record its passes on the
 * page's performance timeline (`chaff:loader-start`, `chaff:clean`), where
 * any script of the page can read them. Off unless set; only the extension's
 * own contexts can write it (the bench and the tests do, nothing in the UI).
 */
export const TIMELINE_KEY = 'timelineMarks';

// chrome.storage.sync's documented limits (Firefox enforces the same ones);
// the API's own constants are used where the browser exposes them.
const QUOTA = Object.freeze({ QUOTA_BYTES: 102400, QUOTA_BYTES_PER_ITEM: 8192, MAX_ITEMS: 512 });

export function normaliseHiddenKinds(value) {
  if (!Array.isArray(value)) return [...HIDDEN_BY_DEFAULT];
  return CHROME_LABELS.filter((l) => value.includes(l));
}

export function normaliseSites(value) {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((s) => typeof s === 'string' && s.length > 0))].sort();
}

/** storage.sync, or null where the browser has none. */
function syncArea() {
  return api.storage.sync ?? null;
}

/** storage.sync.get(keys), or null if sync is missing or fails. */
async function syncGet(keys) {
  const sync = syncArea();
  if (sync === null) return null;
  try {
    return (await sync.get(keys)) ?? {};
  } catch {
    return null;
  }
}

/** The raw settings values: local's where present, else sync's. */
export function mergeAreas(local, sync) {
  const out = {};
  for (const k of SETTINGS_KEYS) {
    if (local && local[k] !== undefined) out[k] = local[k];
    else if (sync && sync[k] !== undefined) out[k] = sync[k];
  }
  return out;
}

/**
 * Reads the settings and, in the same storage.local read, `localKeys` (the
 * content script's learned selectors), and `sharedKeys` from both areas (a
 * site's corrections, which follow the settings' rule: local's value wins):
 * both areas are asked at once. Resolves { settings, local, shared, area },
 * `area` saying where the settings are ('sync' or 'local').
 */
export async function loadSettingsWith(localKeys = [], sharedKeys = []) {
  const [local, sync] = await Promise.all([
    api.storage.local.get([...SETTINGS_KEYS, ...localKeys, ...sharedKeys]),
    syncGet([...SETTINGS_KEYS, ...sharedKeys]),
  ]);
  const inLocal = SETTINGS_KEYS.some((k) => local[k] !== undefined);
  const shared = {};
  for (const k of sharedKeys) shared[k] = local[k] !== undefined ? local[k] : sync?.[k];
  return {
    settings: readSettings(mergeAreas(local, sync)),
    local,
    shared,
    area: sync === null || inLocal ? 'local' : 'sync',
  };
}

export async function loadSettings() {
  return (await loadSettingsWith()).settings;
}

/** Where the settings are now: 'sync' or 'local'. */
export async function settingsArea() {
  return (await loadSettingsWith()).area;
}

/** The settings in what storage.get returned. */
export function readSettings(got) {
  return {
    disabledSites: normaliseSites(got[KEYS.disabledSites]),
    hiddenKinds: normaliseHiddenKinds(got[KEYS.hiddenKinds]),
  };
}

/** The UTF-8 length of a string. */
function bytes(s) {
  return new TextEncoder().encode(s).length;
}

/** An item's size as storage.sync counts it: its key's length plus its value's JSON, in UTF-8. */
const itemBytes = (k, v) => bytes(k) + bytes(JSON.stringify(v));

/**
 * Whether `items` fit storage.sync's quota, counted as the browser counts
 * them (itemBytes). `others` is what sync holds besides them (the other
 * settings key, the corrections of other sites): see `othersInSync`.
 */
export function fitsSync(items, quota = syncQuota(), others = { count: 0, bytes: 0 }) {
  let total = others.bytes;
  let count = others.count;
  for (const [k, v] of Object.entries(items)) {
    const size = itemBytes(k, v);
    if (size > quota.QUOTA_BYTES_PER_ITEM) return false;
    total += size;
    count += 1;
  }
  return total <= quota.QUOTA_BYTES && count <= quota.MAX_ITEMS;
}

/** The count and size of what sync holds besides `keys` ({ count: 0, bytes: 0 } if it cannot say). */
async function othersInSync(keys) {
  const held = (await syncGet(null)) ?? {};
  let count = 0;
  let total = 0;
  for (const [k, v] of Object.entries(held)) {
    if (keys.includes(k)) continue;
    count += 1;
    total += itemBytes(k, v);
  }
  return { count, bytes: total };
}

function syncQuota() {
  const sync = syncArea();
  const q = {};
  for (const [k, v] of Object.entries(QUOTA)) q[k] = typeof sync?.[k] === 'number' ? sync[k] : v;
  return q;
}

/**
 * Stores all the settings (`next`: { disabledSites, hiddenKinds }): in sync
 * when they fit and sync takes them, else in local. Resolves the area used.
 */
export async function saveSettings(next) {
  return saveItems({
    [KEYS.disabledSites]: normaliseSites(next.disabledSites),
    [KEYS.hiddenKinds]: normaliseHiddenKinds(next.hiddenKinds),
  });
}

/**
 * Stores `items` (all the settings, or one key of another kind that follows
 * the same rule, such as a site's corrections) in sync when they fit and sync
 * takes them, else in local; a key in local wins over the same key in sync.
 * Resolves the area used.
 */
export async function saveItems(items) {
  const keys = Object.keys(items);
  const sync = syncArea();
  if (sync !== null && fitsSync(items, syncQuota(), await othersInSync(keys))) {
    try {
      // Moving from local to sync: local gets the new values first, so that
      // a reader between the steps (storage.onChanged fires for each) sees
      // the new values, never the old ones of either area.
      const local = await api.storage.local.get(keys);
      if (keys.some((k) => local[k] !== undefined)) await api.storage.local.set(items);
      await sync.set(items);
      await api.storage.local.remove(keys);
      return 'sync';
    } catch {
      // Over quota after all, or sync is failing: keep them on the device.
    }
  }
  await api.storage.local.set(items);
  return 'local';
}

/** Removes `keys` from both areas. */
export async function removeItems(keys) {
  await api.storage.local.remove(keys);
  const sync = syncArea();
  if (sync === null) return;
  try {
    await sync.remove(keys);
  } catch {
    // Sync is failing: its value stays until a later removal succeeds.
  }
}

/**
 * Every key of both areas whose name starts with `prefix`, local's value
 * where present, else sync's.
 */
export async function readPrefixed(prefix) {
  const [local, sync] = await Promise.all([api.storage.local.get(null), syncGet(null)]);
  const out = {};
  for (const area of [sync ?? {}, local]) {
    for (const [k, v] of Object.entries(area)) if (k.startsWith(prefix)) out[k] = v;
  }
  return out;
}

/** Changes some settings: reads them all, applies `change`, saves them all. */
async function updateSettings(change) {
  const current = await loadSettings();
  return saveSettings({ ...current, ...change(current) });
}

export async function setSiteEnabled(host, enabled) {
  await updateSettings(({ disabledSites }) => {
    const next = new Set(disabledSites);
    if (enabled) next.delete(host);
    else next.add(host);
    return { disabledSites: [...next] };
  });
  return enabled;
}

export async function toggleSite(host) {
  const { disabledSites } = await loadSettings();
  return setSiteEnabled(host, disabledSites.includes(host));
}

export async function setHiddenKinds(kinds) {
  await updateSettings(() => ({ hiddenKinds: normaliseHiddenKinds(kinds) }));
}

/** Whether a storage.onChanged event touches the settings. */
export function changesSettings(changes, area) {
  return (area === 'local' || area === 'sync') && SETTINGS_KEYS.some((k) => k in changes);
}

/**
 * Moves settings stored in storage.local by an older version to sync, once.
 * Sites turned off in either area are kept; local's kinds win (they are the
 * ones this device used). If they do not fit or sync fails, they stay local.
 */
export async function migrateSettings() {
  const local = await api.storage.local.get([MIGRATED_KEY, ...SETTINGS_KEYS]);
  if (local[MIGRATED_KEY]) return null;
  let area = null;
  if (SETTINGS_KEYS.some((k) => local[k] !== undefined)) {
    const sync = (await syncGet([...SETTINGS_KEYS])) ?? {};
    const mine = readSettings(mergeAreas(local, sync));
    const theirs = normaliseSites(sync[KEYS.disabledSites]);
    area = await saveSettings({ ...mine, disabledSites: [...mine.disabledSites, ...theirs] });
  }
  await api.storage.local.set({ [MIGRATED_KEY]: true });
  return area;
}
