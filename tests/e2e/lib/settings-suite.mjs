// Where the settings live (extension/src/settings.js), the same checks in
// both browsers. Each function runs in the options page (an extension page),
// through an adapter:
//   O.run(fn, arg)     runs fn(arg) in the options page, awaits its promise
//   O.reload()         reloads the options page, waits for it to render
//   O.settings()       { disabledSites, hiddenKinds, local, sync } (lib/chromium.mjs)
import assert from 'node:assert/strict';
import { until } from './wait.mjs';



/** In the page: empties both areas of the settings. */
function clearSettings() {
  const api = globalThis.browser ?? globalThis.chrome;
  const keys = ['disabledSites', 'hiddenKinds'];
  return Promise.all([api.storage.local.remove(keys), api.storage.sync.remove(keys)]).then(() => true);
}

/** The background moved nothing (nothing was there) but marked the move as done. */
export async function migratedAtStart(O) {
  await until('the background to mark the move', async () => (await O.settings()).local.settingsMigrated === true);
}

/** Settings an older version left in storage.local move to sync, once, merged with sync's. */
export async function migratesOnce(O) {
  await O.run(clearSettings);
  const first = await O.run(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    await api.storage.sync.set({ disabledSites: ['other-device.example'] });
    await api.storage.local.set({ disabledSites: ['old.example'], hiddenKinds: ['ad'] });
    await api.storage.local.remove('settingsMigrated');
    const s = await import('/src/settings.js');
    return s.migrateSettings();
  });
  assert.equal(first, 'sync');
  let got = await O.settings();
  assert.deepEqual(got.sync.disabledSites, ['old.example', 'other-device.example']);
  assert.deepEqual(got.sync.hiddenKinds, ['ad']);
  assert.equal(got.local.disabledSites, undefined);
  assert.equal(got.local.hiddenKinds, undefined);
  assert.equal(got.local.settingsMigrated, true);

  // Once: later local settings (a fallback) are not moved again.
  const second = await O.run(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    await api.storage.local.set({ disabledSites: ['fallback.example'] });
    const s = await import('/src/settings.js');
    return s.migrateSettings();
  });
  assert.equal(second, null);
  got = await O.settings();
  assert.deepEqual(got.local.disabledSites, ['fallback.example']);
  assert.deepEqual(got.disabledSites, ['fallback.example'], 'a local key wins over sync');
  await O.run(clearSettings);
}

/**
 * A quota error from storage.sync (stubbed in the page) keeps the choice in
 * storage.local; it survives a reload; the next save that sync takes moves
 * everything back to sync.
 */
export async function quotaErrorFallsBack(O) {
  await O.run(clearSettings);
  await O.reload();
  assert.equal(await O.run(() => document.getElementById('storage').dataset.area), 'sync');
  await O.run(() => {
    const api = globalThis.browser ?? globalThis.chrome;
    api.storage.sync.set = () => Promise.reject(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    document.getElementById('kind-comments').click();
    return true;
  });
  await until('comments hidden, kept locally', async () => (await O.settings()).local.hiddenKinds?.includes('comments'));
  let got = await O.settings();
  assert.ok(got.hiddenKinds.includes('comments'));
  assert.equal(got.sync.hiddenKinds, undefined, 'sync was not written');
  await until('the page to say so', async () => (await O.run(() => document.getElementById('storage').dataset.area)) === 'local');

  await O.reload(); // the stub is gone with the page
  assert.equal(await O.run(() => document.getElementById('kind-comments').checked), true, 'the choice survives a reload');
  assert.equal(await O.run(() => document.getElementById('storage').dataset.area), 'local');

  await O.run(() => {
    document.getElementById('kind-comments').click();
    return true;
  });
  await until('settings back in sync', async () => {
    const s = await O.settings();
    return s.local.hiddenKinds === undefined && Array.isArray(s.sync.hiddenKinds) && !s.sync.hiddenKinds.includes('comments');
  });
  await until('the page to say so', async () => (await O.run(() => document.getElementById('storage').dataset.area)) === 'sync');
  await O.run(clearSettings);
}

/** Settings over QUOTA_BYTES_PER_ITEM go to storage.local without asking sync; back under it, to sync. */
export async function overQuotaStaysLocal(O) {
  await O.run(clearSettings);
  const many = Array.from({ length: 600 }, (_, i) => `site-number-${String(i).padStart(4, '0')}.example`);
  const area = await O.run(async (sites) => {
    const s = await import('/src/settings.js');
    return s.saveSettings({ disabledSites: sites, hiddenKinds: ['ad'] });
  }, many);
  assert.equal(area, 'local');
  let got = await O.settings();
  assert.equal(got.local.disabledSites.length, 600);
  assert.equal(got.sync.disabledSites, undefined);
  await O.reload();
  assert.equal(await O.run(() => document.querySelectorAll('#sites li').length), 600);
  assert.equal(await O.run(() => document.getElementById('storage').dataset.area), 'local');

  const back = await O.run(async () => {
    const s = await import('/src/settings.js');
    return s.saveSettings({ disabledSites: ['one.example'], hiddenKinds: ['ad'] });
  });
  assert.equal(back, 'sync');
  got = await O.settings();
  assert.deepEqual(got.sync.disabledSites, ['one.example']);
  assert.equal(got.local.disabledSites, undefined);
  await O.run(clearSettings);
}

/** With no storage.sync at all (stubbed away), settings are read and saved locally. */
export async function noSyncUsesLocal(O) {
  await O.run(clearSettings);
  const r = await O.run(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    const s = await import('/src/settings.js');
    const real = api.storage.sync.get;
    api.storage.sync.get = () => Promise.reject(new Error('sync is disabled'));
    api.storage.sync.set = () => Promise.reject(new Error('sync is disabled'));
    await s.setSiteEnabled('nosync.example', false);
    const loaded = await s.loadSettingsWith();
    api.storage.sync.get = real;
    return { area: loaded.area, sites: loaded.settings.disabledSites };
  });
  assert.deepEqual(r, { area: 'local', sites: ['nosync.example'] });
  assert.deepEqual((await O.settings()).local.disabledSites, ['nosync.example']);
  await O.run(clearSettings);
}

/** In the page: removes every corrections key from both areas. */
function clearCorrections() {
  const api = globalThis.browser ?? globalThis.chrome;
  return Promise.all(
    ['local', 'sync'].map(async (area) => {
      const keys = Object.keys(await api.storage[area].get(null)).filter((k) => k.startsWith('corrections:'));
      await api.storage[area].remove(keys);
    }),
  ).then(() => true);
}

/**
 * A site's corrections follow the settings' rule: a quota error from
 * storage.sync (stubbed in the page) keeps them in storage.local, where they
 * are read back; the next save that sync takes moves them to sync.
 */
export async function correctionsQuotaErrorFallsBack(O) {
  await O.reload(); // no stub of an earlier test left
  await O.run(clearCorrections);
  const r = await O.run(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    const c = await import('/src/corrections.js');
    const s = await import('/src/settings.js');
    const set = api.storage.sync.set;
    api.storage.sync.set = () => Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
    try {
      await c.updateCorrections('quota.example', (x) => c.withCorrection(x, 'keep', '#kept'));
    } finally {
      api.storage.sync.set = set;
    }
    const key = c.correctionsKey('quota.example');
    const read = (await s.loadSettingsWith([], [key])).shared[key];
    return { read: c.readCorrections(read).keep };
  });
  assert.deepEqual(r.read, ['#kept'], 'read back');
  let got = await O.settings();
  assert.deepEqual(got.local['corrections:quota.example'].keep, ['#kept']);
  assert.equal(got.sync['corrections:quota.example'], undefined, 'sync was not written');

  await O.run(async () => {
    const c = await import('/src/corrections.js');
    await c.updateCorrections('quota.example', (x) => c.withCorrection(x, 'keep', '#also-kept'));
    return true;
  });
  got = await O.settings();
  assert.deepEqual(got.sync['corrections:quota.example'].keep, ['#kept', '#also-kept']);
  assert.equal(got.local['corrections:quota.example'], undefined, 'moved to sync');
  await O.run(clearCorrections);
}

/**
 * The quota check counts what sync holds already (other sites'
 * corrections): settings that would take sync past QUOTA_BYTES go to
 * storage.local without asking sync.
 */
export async function fullSyncStaysLocal(O) {
  await O.reload(); // no stub of an earlier test left
  await O.run(clearSettings);
  await O.run(clearCorrections);
  const r = await O.run(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    const s = await import('/src/settings.js');
    // 12 items of about 8 000 bytes: 96 000 of sync's 102 400.
    const filler = {};
    for (let i = 0; i < 12; i++) filler[`corrections:filler-${i}.example`] = { t: 1, keep: [`#${'x'.repeat(7900)}`], hide: [] };
    await api.storage.sync.set(filler);
    const set = api.storage.sync.set;
    let asked = 0;
    api.storage.sync.set = (items) => {
      asked++;
      return set.call(api.storage.sync, items);
    };
    try {
      // About 7 600 bytes of sites: within an item's quota, not within what is left.
      const sites = Array.from({ length: 380 }, (_, i) => `site-${String(i).padStart(4, '0')}.example`);
      const area = await s.saveSettings({ disabledSites: sites, hiddenKinds: ['ad'] });
      return { area, asked };
    } finally {
      api.storage.sync.set = set;
    }
  });
  assert.deepEqual(r, { area: 'local', asked: 0 });
  const got = await O.settings();
  assert.equal(got.local.disabledSites.length, 380);
  assert.equal(got.sync.disabledSites, undefined);
  await O.run(clearCorrections);
  await O.run(clearSettings);
}
