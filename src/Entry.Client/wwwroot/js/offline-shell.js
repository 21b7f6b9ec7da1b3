// Registers the service worker (service-worker.js) that keeps the app shell, and after start-up hands it the files the page
// loaded before the worker controlled it, so the very first visit is enough to open the app offline next time. When they
// are kept, <html data-offline-ready="true">.
(function () {
    if (!('serviceWorker' in navigator)) {
        return;
    }
    // The framework's files are many: keep every one in the resource timing list.
    performance.setResourceTimingBufferSize?.(2000);
    const registering = navigator.serviceWorker.register('service-worker.js').catch(() => null);

    navigator.serviceWorker.addEventListener('message', event => {
        if (event.data?.type === 'kept') {
            document.documentElement.dataset.offlineReady = 'true';
        }
    });

    window.entryShell = {
        keep: async function () {
            if (!await registering) {
                return;
            }
            const registration = await navigator.serviceWorker.ready;
            const urls = [location.href, ...performance.getEntriesByType('resource').map(entry => entry.name)]
                .filter(href => new URL(href).origin === location.origin);
            registration.active?.postMessage({ type: 'keep', urls });
        },
    };
})();
