import { describe, expect, test } from 'vitest';
import { CATALOGUES, createTranslator, type MessageKey } from '../../src/i18n/index.ts';
import { en } from '../../src/i18n/en.ts';
import {
	describeEstimate,
	describeProgress,
	describeSave,
	describeSaveError,
	describeSavedCopy,
	describeUpdate,
	describeUpdateProgress,
	formatBytes,
	QuotaTooSmall,
	type SavedState,
	type SaveReport,
} from '../../src/scripts/search/offline.ts';

const MB = 1024 * 1024;
const english = createTranslator('en');

const savedState = (state: Partial<SavedState> = {}): SavedState => ({ build: 'b2', whole: true, saving: false, missing: { files: 0, bytes: 0 }, parts: {}, ...state });

const saveReport = (report: Partial<SaveReport> = {}): SaveReport => ({
	done: 310,
	total: 310,
	fetched: 3,
	fetchedBytes: 2.4 * MB,
	failed: 0,
	current: 307,
	changed: 1,
	added: 2,
	removed: 0,
	storedBytes: 800 * 1024,
	quotaFull: false,
	persisted: true,
	state: savedState(),
	...report,
});

describe('what offline reading tells the reader, in English', () => {
	test('the estimate gives the size and the number of files', () => {
		expect(describeEstimate({ build: 'b', base: '/', files: 310, bytes: 9 * MB, savedBytes: 2.44 * MB }, english)).toBe('Saving takes about 2.4 MB on this device (310 files).');
	});

	test('a finished save says what it downloaded and what was already there', () => {
		expect(describeSave(saveReport(), english)).toBe('Saved 310 files: downloaded 3 files (2.4 MB, 800 KB once stored), 307 already on this device. The archive and its search now work offline.');
	});

	test('counts of one are singular, removed files are mentioned, and storage that is not persistent is a second sentence', () => {
		const report = saveReport({ total: 1, done: 1, fetched: 1, current: 0, removed: 1, persisted: false });
		expect(describeSave(report, english)).toBe(
			'Saved 1 file: downloaded 1 file (2.4 MB, 800 KB once stored), 0 already on this device, 1 file no longer published removed. The archive and its search now work offline. The browser may still clear it if the device runs short of space.',
		);
	});

	test('a save that stopped says how far it got and how to finish', () => {
		expect(describeSave(saveReport({ failed: 2 }), english)).toBe('Saved 308 of 310 files; 2 could not be fetched. Save again to finish (only what is missing is downloaded).');
		expect(describeSave(saveReport({ quotaFull: true, done: 120 }), english)).toMatch(/^The browser ran out of space after saving 120 of 310 files\. What is saved stays saved/);
	});

	test('a quota too small, a quota exceeded and any other error each get their own explanation', () => {
		expect(describeSaveError(new QuotaTooSmall(3 * MB, 200 * 1024), english)).toMatch(
			/^Not enough space: saving needs about 3 MB and this browser lets the archive use only 200 KB more on this device\. Nothing was saved\./,
		);
		expect(describeSaveError(new DOMException('full', 'QuotaExceededError'), english)).toMatch(/^Not enough space: this browser has no room left/);
		expect(describeSaveError(new Error('/news/offline.json: 500'), english)).toBe('The archive could not be saved: /news/offline.json: 500');
	});

	test('a saved copy is described as interrupted, out of date, current or missing new files', () => {
		expect(describeSavedCopy(undefined, undefined, english)).toBeUndefined();
		expect(describeSavedCopy(savedState({ saving: true }), undefined, english)).toMatch(/^Saving was interrupted\./);
		expect(describeSavedCopy(savedState(), { build: 'b3', base: '/', files: 1, bytes: 1, savedBytes: 1 }, english)).toMatch(/^A newer edition of the archive has been published/);
		expect(describeSavedCopy(savedState(), undefined, english)).toBe('The archive is saved on this device for offline reading, up to date.');
		expect(describeSavedCopy(savedState({ whole: false, missing: { files: 1, bytes: 2048 } }), undefined, english)).toBe(
			'Your saved copy is out of date: 1 file (2 KB) published since you saved it. Save again to add it.',
		);
		expect(describeSavedCopy(savedState({ whole: false, missing: { files: 4, bytes: 2048 } }), undefined, english)).toMatch(/4 files \(2 KB\) published since you saved it\. Save again to add them\.$/);
	});

	test('an update after a deploy reports its progress, what it downloaded and removed, then the state of the copy', () => {
		expect(describeUpdateProgress({ done: 1, total: 2, fetched: 1, fetchedBytes: 10, failed: 0 }, english)).toBe('Updating your saved copy: 1 of 2 changed files…');
		const report = saveReport({ fetched: 1, fetchedBytes: 3000, removed: 2, state: savedState({ whole: false, missing: { files: 3, bytes: 5000 } }) });
		expect(describeUpdate(report, english)).toBe(
			'Your saved copy was updated: 1 changed file downloaded (3 KB), 2 files no longer published removed. Your saved copy is out of date: 3 files (5 KB) published since you saved it. Save again to add them.',
		);
	});
});

describe('what offline reading tells the reader, in the archive’s language', () => {
	test.each([
		['en', 2.5 * MB, '2.5 MB'],
		['de', 2.5 * MB, '2,5 MB'],
		['fr', 2.5 * MB, '2,5 Mo'],
		['fr', 1500 * MB, '1\u202f500 Mo'],
		['es', 380 * 1024, '380 KB'],
		['ar', 2.5 * MB, '2.5 ميغابايت'],
		['zh-Hans', 380 * 1024, '380 KB'],
	])('in %s, %d bytes are written "%s"', (lang, bytes, expected) => {
		expect(formatBytes(bytes, createTranslator(lang))).toBe(expected);
	});

	test.each([
		['de', 1, '0 von 1 Datei'],
		['de', 12, '0 von 12 Dateien'],
		['fr', 1, '0 sur 1 fichier'],
		['fr', 1200, '0 sur 1\u202f200 fichiers'],
		['es', 3, '0 de 3 ficheros'],
		['ar', 1, '0 من أصل ملف واحد'],
		['ar', 2, '0 من أصل ملفين'],
		['ar', 3, '0 من أصل 3 ملفات'],
		['ar', 11, '0 من أصل 11 ملفًا'],
		['zh-Hans', 5, '0 / 5 个文件'],
	])('in %s, progress through %d files reads "%s"', (lang, total, expected) => {
		expect(describeProgress({ done: 0, total, fetched: 0, fetchedBytes: 0, failed: 0 }, createTranslator(lang))).toBe(expected);
	});

	test('German puts the counts of a finished save in the sentence with their own plural forms', () => {
		expect(describeSave(saveReport({ fetched: 1 }), createTranslator('de'))).toBe(
			'310 Dateien gespeichert: 1 Datei heruntergeladen (2,4 MB, auf dem Gerät 800 KB), 307 waren schon auf diesem Gerät. Archiv und Suche funktionieren jetzt offline.',
		);
	});

	test('Chinese joins two sentences without a space; the other languages with one', () => {
		const report = saveReport({ persisted: false });
		expect(describeSave(report, createTranslator('zh-Hans'))).toMatch(/使用。如果/);
		expect(describeSave(report, createTranslator('fr'))).toMatch(/hors ligne\. Le navigateur/);
	});

	test.each(Object.keys(CATALOGUES).filter((lang) => lang !== 'en'))('no offline message in %s is left in English', (lang) => {
		const units = new Set(['{size} KB', '{size} MB', '{first} {second}', '{first}{second}']);
		for (const key of Object.keys(en).filter((key) => key.startsWith('offline.')) as MessageKey[]) {
			const message = JSON.stringify(CATALOGUES[lang]![key]);
			if (typeof CATALOGUES[lang]![key] === 'string' && units.has(CATALOGUES[lang]![key] as string)) continue;
			expect(message, `${lang} ${key}`).not.toBe(JSON.stringify(en[key]));
		}
	});
});
