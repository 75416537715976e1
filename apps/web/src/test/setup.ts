import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';

// A fresh, empty IndexedDB for every test; a "reload" inside one test keeps the same one.
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
});
