/** What a lede's opening credit says: the place the story was filed from and the wire that filed it. */
export interface LedeDateline {
	/** The place, its city in capitals as datelines are printed (`NEW YORK`, `DOHA, Qatar`); absent when the credit names none, as in `(CNN) —`. */
	place?: string;
	/** The wire named in the credit: `CNN` in `(CNN) —`, `Reuter` in `MONTREAL, March 20, Reuter -`. */
	credit?: string;
	/** The lede with its dateline removed, as the story's first sentence reads. */
	rest: string;
}

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
const DASH = '(?:-{1,2}|–|—)';
const PLACE = "[\\p{Lu}][\\p{L}.'’ -]*(?:,\\s*[\\p{Lu}][\\p{L}.'’ -]*){0,2}";
/** A word in a script without capitals (Arabic, Hebrew, Devanagari, Thai, CJK…), where a dateline cannot be told by its capitals. */
const UNCASED_WORD = '\\p{Lo}[\\p{Lo}\\p{M}]*';
/** `الرياض`, `القاهرة، مصر`: one to three such words, and maybe a region after a comma (Arabic `،` or `,`). */
const UNCASED_PLACE = `${UNCASED_WORD}(?: ${UNCASED_WORD}){0,2}(?:\\s*[،,]\\s*${UNCASED_WORD}(?: ${UNCASED_WORD}){0,2})?`;

/** `NEW YORK, March 26 -`, `SANTOS, BRAZIL, MARCH 11 -`, `MONTREAL, March 20, Reuter -` */
const WIRE_DATELINE = new RegExp(
	`^(?<place>${PLACE}?),\\s+(?<month>${MONTH})\\s+\\d{1,2},?(?:\\s+(?<credit>[\\p{L}]+))?\\s+${DASH}\\s+`,
	'iu',
);
/** `DOHA, Qatar (CNN) —`, `WASHINGTON (AP) —`, `(CNN) —` */
const CREDIT_DATELINE = new RegExp(`^(?:(?<place>${PLACE}?|${UNCASED_PLACE})\\s+)?\\((?<credit>[\\p{L}][\\p{L}\\p{N} .&'’-]{0,40})\\)\\s*${DASH}\\s*`, 'u');

/** `PORTHAVEN —`, `MILLBROOK, Ohio —`: a city in capitals and a dash, no date or credit. */
const PLACE_DATELINE = new RegExp(`^(?<place>\\p{Lu}[\\p{Lu}.'’ -]*\\p{Lu}(?:,\\s*\\p{Lu}[\\p{L}.'’ -]*?)?)\\s+(?:—|–|--)\\s+`, 'u');

/** `الرياض —`, `القاهرة، مصر -`, `ירושלים —`: a place in a script without capitals and a dash with spaces around it. */
const UNCASED_DATELINE = new RegExp(`^(?<place>${UNCASED_PLACE})\\s+(?:—|–|--?)\\s+`, 'u');

/**
 * Finds the dateline at the start of a lede. A dateline is a place (and maybe a date or a wire credit)
 * followed by a dash; a place must be short and start with a capital, so a sentence that merely contains a
 * dash is never mistaken for one. In scripts without capitals (`الرياض —`) the place is one to three words.
 * @example parseDateline('NEW YORK, March 26 - Private investors…') // { place: 'NEW YORK', rest: 'Private investors…' }
 * @example parseDateline('(CNN) — The United States…') // { credit: 'CNN', rest: 'The United States…' }
 */
export function parseDateline(lede: string): LedeDateline {
	const match = WIRE_DATELINE.exec(lede) ?? CREDIT_DATELINE.exec(lede) ?? PLACE_DATELINE.exec(lede) ?? UNCASED_DATELINE.exec(lede);
	if (!match?.groups) return { rest: lede };
	const place = match.groups.place?.trim().replace(/[\s,]+$/, '');
	if (place !== undefined && (place.length > 40 || place.split(/\s+/).length > 5)) return { rest: lede };
	const rest = lede.slice(match[0].length);
	const credit = match.groups.credit;
	return {
		...(place ? { place: capitaliseCity(place) } : {}),
		...(credit ? { credit } : {}),
		rest,
	};
}

/**
 * What an article's `dateline` field stores for a lede: its place, or, when the lede credits a wire and names
 * no place (`(CNN) —`), that credit, which is the dateline as the wire prints it.
 * @example getDatelineField(parseDateline('(CNN) — The United States…')) // 'CNN'
 */
export function getDatelineField(lede: Pick<LedeDateline, 'place' | 'credit'>): string | undefined {
	return lede.place ?? lede.credit;
}

/** Datelines print the city in capitals and the region or country as written: `Doha, Qatar` → `DOHA, Qatar`. */
function capitaliseCity(place: string): string {
	const [city, ...region] = place.split(/\s*[,،]\s*/);
	if (/[،]/.test(place)) return place;
	return [city!.toUpperCase(), ...region].join(', ');
}
