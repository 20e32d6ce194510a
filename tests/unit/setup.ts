// Dexie runs on fake-indexeddb, an in-memory IndexedDB, in unit and integration tests.
import 'fake-indexeddb/auto';
