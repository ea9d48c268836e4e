// The diary page's service worker: after one visit, the page and every site file it needs
// are kept in the browser's cache, so the diary opens, saves, draws its charts and prints
// with no network. The list of files and the version are written in at build time by
// _ext/diary_page.py (below); a new version of the site fills a new cache and drops the old.
// Stored entries are in IndexedDB, not in this cache: changing the cache never touches them.
/* PRECACHE */
const CACHE = `painbook-diary-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("painbook-diary-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// The site's own files: the network first when there is one (so a new version shows),
// the cached copy when there is none. Nothing from another host is ever asked for.
self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(event.request);
      if (response.ok && (await cache.match(event.request, { ignoreSearch: true }))) {
        await cache.put(event.request, response.clone());
      }
      return response;
    } catch (error) {
      const page = event.request.mode === "navigate" ? new URL("./", self.registration.scope) : null;
      const cached = await cache.match(page ? page.href : event.request, { ignoreSearch: true });
      if (cached) return cached;
      throw error;
    }
  })());
});
