// Entry's service worker: the app shell kept in the browser so the app opens without the network once it has been loaded
// once. Runtime caching, so it works the same for a build (`dotnet run`) and a publish, and for assemblies loaded later:
// - page navigations: the network first, else the cached index.html (every page of the app is that one file);
// - the app's own files (fingerprinted names, e.g. Entry.Client.v940kpdmxr.wasm): the cache first, they never change;
// - its other static files (index.html, blazor.webassembly.js, dotnet.js, css, js, MudBlazor's): the network first with a
//   short wait when a copy is kept, else the copy;
// - never the API, the hubs, the health checks or the API docs: those are always the server's.
// The page posts the files it loaded before this worker controlled it ("keep"), so the first visit is enough.
const CACHE = 'entry-shell-v1';
const INDEX = 'index.html';
// Kept at install: the shell's own small files, the IndexedDB module of the sending queue among them (imported only later).
const SHELL = [INDEX, 'css/app.css', 'favicon.svg', 'manifest.webmanifest', 'js/offline-shell.js', 'js/send-store.js'];
const NETWORK_WAIT_MS = 4000;
const FINGERPRINTED = /\.[a-z0-9]{10}\.(wasm|pdb|dat|js|css|json)$/;
const NEVER = ['api/', 'hubs/', 'health/', 'api-docs', 'openapi/', '_blazor', 'service-worker.js'];

const scope = new URL(self.registration.scope);

self.addEventListener('install', event => {
    // One by one: a file renamed by a later build is skipped rather than failing the install.
    event.waitUntil((async () => {
        const cache = await caches.open(CACHE);
        await Promise.all(SHELL.map(path => cache.add(new URL(path, scope)).catch(() => null)));
        await self.skipWaiting();
    })());
});

self.addEventListener('activate', event => {
    event.waitUntil((async () => {
        for (const name of await caches.keys()) {
            if (name.startsWith('entry-shell-') && name !== CACHE) {
                await caches.delete(name);
            }
        }
        await self.clients.claim();
    })());
});

function relative(url) {
    return url.origin === scope.origin && url.pathname.startsWith(scope.pathname) ? url.pathname.slice(scope.pathname.length) : null;
}

function kept(path) {
    return path !== null && !NEVER.some(prefix => path.startsWith(prefix));
}

self.addEventListener('fetch', event => {
    const request = event.request;
    if (request.method !== 'GET') {
        return;
    }
    const url = new URL(request.url);
    const path = relative(url);
    if (!kept(path)) {
        return;
    }
    if (request.mode === 'navigate') {
        event.respondWith(navigate(request, event));
    } else if (FINGERPRINTED.test(url.pathname)) {
        event.respondWith(cacheFirst(request));
    } else {
        event.respondWith(networkFirst(request, url, event));
    }
});

async function store(key, response) {
    if (response.ok && response.status === 200 && response.type === 'basic') {
        const cache = await caches.open(CACHE);
        await cache.put(key, response.clone());
    }
    return response;
}

function withWait(promise, ms) {
    return Promise.race([promise, new Promise(resolve => setTimeout(() => resolve(null), ms))]);
}

async function navigate(request, event) {
    const cached = await caches.match(new URL(INDEX, scope));
    const fromNetwork = fetch(request).then(response => {
        const html = (response.headers.get('content-type') || '').includes('text/html');
        return html && !response.redirected ? store(new URL(INDEX, scope), response) : response;
    });
    event.waitUntil(fromNetwork.catch(() => null));
    try {
        const response = cached ? await withWait(fromNetwork, NETWORK_WAIT_MS) : await fromNetwork;
        if (response) {
            return response;
        }
    } catch {
        // Offline: the kept shell below.
    }
    return cached || Response.error();
}

async function cacheFirst(request) {
    const cached = await caches.match(request, { ignoreVary: true });
    if (cached) {
        return cached;
    }
    return store(request, await fetch(request));
}

async function networkFirst(request, url, event) {
    const key = url.origin + url.pathname + url.search;
    const cached = await caches.match(key, { ignoreVary: true });
    const fromNetwork = fetch(request).then(response => store(key, response));
    event.waitUntil(fromNetwork.catch(() => null));
    try {
        const response = cached ? await withWait(fromNetwork, NETWORK_WAIT_MS) : await fromNetwork;
        if (response) {
            return response;
        }
    } catch {
        // Offline: the kept copy below.
    }
    return cached || Response.error();
}

// The page's list of what it loaded before this worker took control: kept now, so the next visit opens offline.
self.addEventListener('message', event => {
    if (event.data?.type !== 'keep') {
        return;
    }
    event.waitUntil((async () => {
        const cache = await caches.open(CACHE);
        for (const href of [new URL(INDEX, scope).href, ...event.data.urls]) {
            const url = new URL(href);
            if (!kept(relative(url)) || await cache.match(url.href, { ignoreVary: true })) {
                continue;
            }
            try {
                const response = await fetch(url.href, { credentials: 'same-origin' });
                if (response.ok && response.status === 200) {
                    await cache.put(url.href, response);
                }
            } catch {
                // Gone offline meanwhile: kept at the next visit.
            }
        }
        await dropOldVersions(cache, event.data.urls);
        event.source?.postMessage({ type: 'kept' });
    })());
});

// A new build gives a changed file a new fingerprint. Once the page has loaded the new name, the copies kept under the old
// names of that file are dropped, so the cache holds one version of each file rather than one per release. Files the page
// did not load this time (an assembly loaded later, say) are left as they are.
async function dropOldVersions(cache, hrefs) {
    const loaded = new Map();
    for (const href of hrefs) {
        const path = new URL(href).pathname;
        if (FINGERPRINTED.test(path)) {
            loaded.set(unversioned(path), path);
        }
    }
    for (const request of await cache.keys()) {
        const path = new URL(request.url).pathname;
        const current = FINGERPRINTED.test(path) ? loaded.get(unversioned(path)) : undefined;
        if (current !== undefined && current !== path) {
            await cache.delete(request);
        }
    }
}

function unversioned(path) {
    return path.replace(/\.[a-z0-9]{10}(\.[a-z]+)$/, '$1');
}
