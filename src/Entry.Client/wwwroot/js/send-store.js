// The clerk's sending queue in the browser's IndexedDB: one record per item, { id, json }, the JSON written by the app.
// It outlives a reload, a closed tab and a restarted computer; the app is the only reader.
const DB_NAME = 'entry-sending';
const STORE = 'items';

let opening = null;

function open() {
    opening ??= new Promise((resolve, reject) => {
        const request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => { opening = null; reject(request.error); };
    });
    return opening;
}

async function run(mode, work) {
    const db = await open();
    return new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode, { durability: 'strict' });
        const result = work(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(result?.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
    });
}

export async function all() {
    const records = await run('readonly', store => store.getAll());
    return (records ?? []).map(r => r.json);
}

export function put(id, json) {
    return run('readwrite', store => { store.put({ id, json }); return null; });
}

export function remove(id) {
    return run('readwrite', store => { store.delete(id); return null; });
}

// The link is back: the queue sends at once rather than at its next round.
export function watchOnline(dotnet) {
    const handler = () => dotnet.invokeMethodAsync('LinkBack');
    window.addEventListener('online', handler);
    return { dispose: () => window.removeEventListener('online', handler) };
}

export function isOnline() {
    return navigator.onLine;
}
