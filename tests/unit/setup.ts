// Dexie runs on fake-indexeddb, an in-memory IndexedDB, in unit and integration tests.
import 'fake-indexeddb/auto';
import { configure } from '@testing-library/dom';

// waitFor and findBy* wait for what the person would see; their 1 s default is a statement
// about speed that a busy 2-core machine breaks. They still fail, later, if it never shows.
configure({ asyncUtilTimeout: 15_000 });
