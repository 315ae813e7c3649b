// StarkBot's service worker: keeps the dashboard's shell (styles, scripts, icons, the offline page) so that the app
// opens, installed or not, and shows the offline page when the server cannot be reached. It never caches the API
// or any page with someone's data: those always come from the server.
// The shell's files are served from this cache first: change the name whenever one of them changes (v2: app.js
// exports showPageError), or browsers that have it keep the old file.
const SHELL = "starkbot-shell-v3";
const FILES = [
    "/offline", "/app/app.css", "/app/app.js", "/app/icon.svg", "/app/icon-192.png", "/app/icon-512.png",
    "/manifest.webmanifest", "/webjars/htmx.org/2.0.10/dist/htmx.min.js",
];

self.addEventListener("install", (event) => {
    event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
    event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((key) => key !== SHELL)
        .map((key) => caches.delete(key)))).then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
    const url = new URL(event.request.url);
    if (event.request.method !== "GET" || url.origin !== location.origin || url.pathname.startsWith("/api/")) {
        return;
    }
    if (event.request.mode === "navigate") {
        // pages from the network; the offline page when there is none
        event.respondWith(fetch(event.request).catch(() => caches.match("/offline")));
        return;
    }
    if (FILES.includes(url.pathname)) {
        // the network first, so an upgrade's files are never mixed with cached older ones; the copy when offline
        event.respondWith(fetch(event.request).then((response) => {
            if (response.ok) {
                const copy = response.clone();
                caches.open(SHELL).then((cache) => cache.put(event.request, copy));
            }
            return response;
        }).catch(() => caches.match(event.request)));
    }
});
