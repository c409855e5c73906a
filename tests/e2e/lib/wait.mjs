// Waiting in the end-to-end tests.

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 50 ms until it returns something truthy (returned), for at most `timeout` ms. */
export async function until(what, check, timeout = 10000) {
  const t0 = Date.now();
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() - t0 > timeout) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
