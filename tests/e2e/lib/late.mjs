// Promotions that a page adds after it has loaded, as real sites do: an app
// banner with App Store / Google Play badges at once, and a paywall box two
// seconds later, between the article's paragraphs. Runs in the page's own
// world (page.evaluate / executeScript), like the site's scripts would.
export function injectLatePromos(delayMs = 2000) {
  const banner = document.createElement('div');
  banner.className = 'css-x81qv2';
  banner.id = 'late-app-banner';
  banner.innerHTML =
    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="" width="40" height="40">' +
    '<div class="css-19bqh2r"><strong>inkl</strong><span>Read it in the inkl app: faster, offline and with alerts for your topics.</span></div>' +
    '<a href="https://apps.apple.com/app/inkl/id1047365389"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Download on the App Store" width="120" height="40"></a>' +
    '<a href="https://play.google.com/store/apps/details?id=com.inkl.app">Get it on Google Play</a>' +
    '<button type="button">Open in app</button>';
  document.body.prepend(banner);
  window.__chaffLatePaywall = new Promise((resolve) => {
    setTimeout(() => {
      const box = document.createElement('div');
      box.className = 'css-a7m2pq';
      box.id = 'late-paywall';
      box.innerHTML =
        '<h3>Subscribe to continue reading</h3>' +
        '<p>You have read all 3 of your free articles this month. Subscribe for unlimited access.</p>' +
        '<a href="/subscribe">Subscribe now</a>' +
        '<p>Already a subscriber? <a href="/signin">Sign in</a></p>';
      const paragraphs = document.querySelectorAll('article p');
      const anchor = paragraphs[Math.min(3, paragraphs.length - 1)];
      anchor.after(box);
      resolve(performance.now());
    }, delayMs);
  });
  return performance.now();
}

/** Text of the injected blocks, to look for in body.innerText. */
export const LATE_TEXT = {
  banner: 'Read it in the inkl app: faster, offline and with alerts for your topics.',
  paywall: 'You have read all 3 of your free articles this month.',
};
