/* SES Guide: loaded before Material's bundle.
 *
 * Material 9.7+ prefetches sitemap.xml next to every <link rel="alternate"> to "stay on page"
 * when the language changes. Our hreflang links are absolute and per page, so that would request
 * /<page>/sitemap.xml (which does not exist) or another host. Our language switcher already links
 * each page to its twin, so the prefetch is not needed: refuse it before any request is sent.
 */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    if (/\/sitemap\.xml(\?|#|$)/.test(String(url))) {
      throw new Error("SES Guide: sitemap prefetch disabled");
    }
    return open.apply(this, arguments);
  };
})();
