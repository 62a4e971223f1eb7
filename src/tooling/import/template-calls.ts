import type { PhrasingContent } from 'mdast';
import { stringifyMarkdown } from './markdown-text.ts';
import {
	addMediaPlaceholder,
	createMediaLink,
	escapeMarkdownText,
	toAbsoluteUrl,
	toMarkdownDestination,
	toPlainText,
	toWatchUrl,
	type MediaLink,
} from './media-links.ts';

/** A body with its generator's template calls turned into Markdown, or the call that could not be. */
export type TranslatedBody = { ok: true; body: string } | { ok: false; reason: string };

/**
 * Turns Liquid calls (Jekyll, Eleventy) into the Markdown they stand for: `{% raw %}` keeps its text,
 * comments go, `{{ "/path/" | url }}` becomes the path, `{% image "src" "alt" %}` and the
 * `linked-figure.html` include become images, front-matter variables (`{{ image }}`, `{{ page.excerpt }}`)
 * their values, `{{ "id" | team_link }}` the person's name from the names table. Anything that needs the
 * generator to run (loops, conditions, other includes) is refused by name.
 * @example translateLiquid('See [us]({{ "/about/" | url }})', {}) // { ok: true, body: 'See [us](/about/)' }
 */
export function translateLiquid(body: string, data: Record<string, unknown>, site: LiquidSite = {}): TranslatedBody {
	let failure: string | undefined;
	const pattern =
		/\{%-?\s*raw\s*-?%\}([\s\S]*?)\{%-?\s*endraw\s*-?%\}|\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}|\{\{-?([\s\S]*?)-?\}\}|\{%-?([\s\S]*?)-?%\}/g;
	const translated = body.replace(pattern, (call, raw?: string, output?: string, tag?: string) => {
		if (raw !== undefined) return raw;
		if (output === undefined && tag === undefined) return '';
		const result = output !== undefined ? evaluateLiquidOutput(output, data, site) : site.media && site.origin ? evaluateMediaTag(tag!, site.origin, site.media) : evaluateLiquidTag(tag!);
		if (result === undefined) failure ??= `uses the template call ${shorten(call)}, which needs the blog's own generator; replace it with Markdown`;
		return result ?? call;
	});
	return failure ? { ok: false, reason: failure } : { ok: true, body: translated };
}

/**
 * Turns the Go blog's template calls (in posts marked `template: true`) into Markdown: `{{raw …}}` keeps its
 * text, `{{image "…"}}` becomes an image, `{{video "…"}}` a link. `{{code}}` and `{{play}}` pull programs from
 * files outside the article, so a post using them is refused with that reason.
 */
export function translateGoTemplate(body: string): TranslatedBody {
	let failure: string | undefined;
	const action = /\{\{((?:[^`"}]|`[^`]*`|"(?:[^"\\]|\\.)*"|\}(?!\}))*)\}\}/g;
	const translated = body.replace(action, (call, inner: string) => {
		const words = [...inner.trim().matchAll(/`([^`]*)`|"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((match) =>
			match[1] ?? (match[2] !== undefined ? unescapeGoString(match[2]) : match[3]!),
		);
		const [name, first] = words;
		if (words.length === 1 && /^["`]/.test(inner.trim())) return name!;
		if (name === 'raw' && first !== undefined) return first;
		if (name === 'image' && first !== undefined) return image(first, '');
		if (name === 'video' && first !== undefined) return link('Watch the video', first);
		if (name === 'code' || name === 'play') {
			failure ??= `includes program text from a file outside the article (${shorten(call)}); paste the code into the post first`;
		} else {
			failure ??= `uses the template call ${shorten(call)}, which needs the Go blog's generator; replace it with Markdown`;
		}
		return call;
	});
	return failure ? { ok: false, reason: failure } : { ok: true, body: translated };
}

/**
 * Finds Hugo and Zola shortcodes (`{{< youtube id >}}`, `{{ figure(src="…") }}`) outside code; Hugo's
 * `figure` and `youtube` become an image and a link, any other shortcode is refused by name.
 */
export function translateShortcodes(body: string): TranslatedBody {
	let failure: string | undefined;
	const shortcode = /\{\{[<%]\s*(\w+)([^]*?)[>%]\}\}|\{[{%]\s*(\w+)\(([^)]*)\)\s*[}%]\}/g;
	const translated = replaceOutsideCode(body, (text) =>
		text.replace(shortcode, (call, hugoName?: string, hugoArgs?: string, zolaName?: string) => {
			const args = Object.fromEntries([...(hugoArgs ?? '').matchAll(/(\w+)=("([^"]*)"|'([^']*)'|\S+)/g)].map((match) => [match[1], match[3] ?? match[4] ?? match[2]]));
			if (hugoName === 'figure' && args.src) return image(args.src, args.alt ?? args.caption ?? '');
			if (hugoName === 'youtube') {
				const id = args.id ?? hugoArgs?.trim().split(/\s+/)[0]?.replace(/^["']|["']$/g, '');
				if (id) return link('Watch the video', `https://www.youtube.com/watch?v=${id}`);
			}
			failure ??= `uses the shortcode ${shorten(call)} (${hugoName ?? zolaName}), which needs the blog's own generator; replace it with Markdown`;
			return call;
		}),
	);
	return failure ? { ok: false, reason: failure } : { ok: true, body: translated };
}

/** What a blog's templates knew about the site: where it was published and who its author ids are. */
export interface LiquidSite {
	/** The site's address (`https://18f.gsa.gov`), which `{{ site.baseurl }}` and `| url` put before a path. */
	origin?: string | undefined;
	/** Author ids → names (`--names`), for `| team_link`. */
	names?: Readonly<Record<string, string>> | undefined;
	/**
	 * `--link-media`: images and players become placeholders collected here, which `linkMedia()` turns into
	 * links once it knows whether each stands in Markdown or HTML. Needs `origin`.
	 */
	media?: MediaLink[] | undefined;
}

function evaluateLiquidOutput(expression: string, data: Record<string, unknown>, site: LiquidSite): string | undefined {
	const [subject = '', ...filters] = splitOutsideQuotes(expression.trim(), '|');
	let value = readLiquidValue(subject.trim(), data, site);
	for (const filter of filters) {
		if (value === undefined) return undefined;
		// Only the first colon ends the filter's name: `embed: "Talk: the title"`.
		const [, name = '', argument] = /^([^:]*)(?::\s*([\s\S]*))?$/.exec(filter.trim()) ?? [];
		if (['url', 'relative_url', 'absolute_url'].includes(name)) value = site.origin ? (site.media ? toAbsoluteUrl(value, site.origin) : /^\/(?!\/)/.test(value) ? `${site.origin}${value}` : value) : value;
		else if (name === 'team_link') value = site.names && Object.hasOwn(site.names, value.trim()) ? site.names[value.trim()]! : value;
		else if (name === 'strip' || name === 'escape') continue;
		else if (name === 'team_photo') value = '';
		else if (name === 'embed' && argument && site.media && site.origin) value = addMediaPlaceholder(site.media, createMediaLink('Video', unquote(argument.trim()) ?? '', toWatchUrl(value, site.origin)));
		else if (name === 'embed' && argument) value = link(unquote(argument.trim()) ?? 'Watch the video', value);
		else return undefined;
	}
	return value;
}

function readLiquidValue(subject: string, data: Record<string, unknown>, site: LiquidSite): string | undefined {
	const literal = unquote(subject);
	if (literal !== undefined) return literal;
	if (subject === 'site.baseurl') return site.origin ?? '';
	const key = subject.replace(/^page\./, '');
	if (!/^[\w-]+$/.test(key)) return undefined;
	const value = data[key];
	// Liquid prints an undefined variable as nothing, and so did the published post.
	if (value === undefined || value === null) return '';
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function evaluateLiquidTag(tag: string): string | undefined {
	const match = /^\s*(\w+)\s*([\s\S]*?)\s*$/.exec(tag);
	if (!match) return undefined;
	const [, name, rest = ''] = match;
	const strings = [...rest.matchAll(/(?:(\w+):\s*)?("(?:[^"\\]|\\.)*"|'[^']*')/g)];
	const positional = strings.filter((item) => item[1] === undefined).map((item) => unquote(item[2]!)!);
	const named = Object.fromEntries(strings.filter((item) => item[1] !== undefined).map((item) => [item[1], unquote(item[2]!)!]));
	if (name === 'image' && positional[0]) return image(positional[0], positional[1] ?? '');
	if (name === 'image_with_class' && positional[0]) return image(positional[0], positional[2] ?? '');
	if (name === 'include' && positional[0] === 'linked-figure.html' && named.image) {
		const figure = image(named.image, named.alt ?? '');
		return named.caption ? `${figure}\n\n${plainText(named.caption)}` : figure;
	}
	return undefined;
}

/**
 * `{% image %}`, `{% image_with_class %}` and the `linked-figure.html` include as the links an offline archive
 * keeps (see `linkMedia`): the image a placeholder, a figure's caption text, linked when the figure was.
 */
function evaluateMediaTag(tag: string, origin: string, media: MediaLink[]): string | undefined {
	const include = /^\s*include\s+"linked-figure\.html"\s*,?([\s\S]*?)\s*$/.exec(tag);
	if (include) {
		const params = Object.fromEntries([...include[1]!.matchAll(/(\w+):\s*"([\s\S]*?)"\s*(?=,|\n|$|\w+:)/g)].map((match) => [match[1]!, match[2]!]));
		if (!params.image) return undefined;
		const figure = addMediaPlaceholder(media, createMediaLink('Image', toPlainText(params.alt ?? ''), toAbsoluteUrl(params.image, origin)));
		if (!params.caption && !params.url) return figure;
		const caption = escapeMarkdownText(toPlainText(params.caption ?? params.url!));
		return `${figure}\n\n${params.url ? `[${caption}](${toMarkdownDestination(toAbsoluteUrl(params.url, origin))})` : caption}`;
	}
	const withClass = /^\s*image_with_class\s+"([^"]*)"\s*,?\s*"[^"]*"(?:\s*,?\s*"([\s\S]*?)")?\s*$/.exec(tag);
	const plain = /^\s*image\s+"([^"]*)"(?:\s*,?\s*"([\s\S]*?)")?\s*$/.exec(tag);
	const found = withClass ?? plain;
	if (found) return addMediaPlaceholder(media, createMediaLink('Image', toPlainText(found[2] ?? ''), toAbsoluteUrl(found[1]!, origin)));
	return undefined;
}

function image(url: string, alt: string): string {
	return stringifyPhrasing({ type: 'image', url, alt });
}

function link(text: string, url: string): string {
	return stringifyPhrasing({ type: 'link', url, children: [{ type: 'text', value: text }] });
}

function plainText(text: string): string {
	return stringifyPhrasing({ type: 'text', value: text });
}

function stringifyPhrasing(node: PhrasingContent): string {
	return stringifyMarkdown({ type: 'root', children: [{ type: 'paragraph', children: [node] }] }).trim();
}

function unquote(text: string): string | undefined {
	const match = /^"((?:[^"\\]|\\.)*)"$|^'([^']*)'$/.exec(text);
	if (!match) return undefined;
	return match[2] ?? match[1]!.replace(/\\(.)/g, '$1');
}

function unescapeGoString(text: string): string {
	return text.replace(/\\(["\\])/g, '$1').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
}

function splitOutsideQuotes(text: string, separator: string): string[] {
	const parts: string[] = [];
	let current = '';
	let quote: string | undefined;
	for (const character of text) {
		if (quote) {
			if (character === quote) quote = undefined;
		} else if (character === '"' || character === "'") {
			quote = character;
		} else if (character === separator) {
			parts.push(current);
			current = '';
			continue;
		}
		current += character;
	}
	parts.push(current);
	return parts;
}

/** Applies a rewrite to the parts of a Markdown body outside fenced code blocks and inline code. */
function replaceOutsideCode(body: string, rewrite: (text: string) => string): string {
	return body
		.split(/(^(?:```|~~~)[^\n]*\n[\s\S]*?^(?:```|~~~)[ \t]*$|`[^`\n]+`)/m)
		.map((part, index) => (index % 2 === 1 ? part : rewrite(part)))
		.join('');
}

function shorten(call: string): string {
	const flat = call.replace(/\s+/g, ' ');
	return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}
