// Keeps the journal's files for offline use. Network first: online, a reader gets the current page and figures.
const CACHE = "__CACHE__"; // changes with the files, so a new build replaces the copy
self.oninstall = (e) => e.waitUntil(caches.open(CACHE).then((c) => c.addAll(__FILES__)).then(() => self.skipWaiting()));
self.onactivate = (e) => e.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()));
self.onfetch = (e) => e.request.method === "GET" && e.respondWith(fetch(e.request).then((response) => {
  const copy = response.clone();
  if (response.ok) caches.open(CACHE).then((c) => c.put(e.request, copy));
  return response;
}).catch(() => caches.match(e.request, { ignoreSearch: true }).then((kept) => kept || Response.error())));
