import { load } from 'cheerio';
import { describe, expect, test } from 'vitest';
import { ALLOWED_LINK_PROTOCOLS, renderMarkdown, SANITIZE_SCHEMA } from '../../src/model/markdown.ts';

const URL_ATTRIBUTES = ['href', 'src', 'cite', 'longdesc', 'itemtype', 'action', 'formaction', 'srcset', 'poster', 'background', 'xlink:href', 'data'];
const ALLOWED_TAGS = new Set([...(SANITIZE_SCHEMA.tagNames ?? []), 'html', 'head', 'body']);

/** Every way the rendered HTML could still carry a script, found by parsing it the way a browser would. */
function findDangers(html: string): string[] {
	const $ = load(html);
	const dangers: string[] = [];
	for (const element of $('*').toArray()) {
		if (!('attribs' in element)) continue;
		const name = element.tagName.toLowerCase();
		if (!ALLOWED_TAGS.has(name)) dangers.push(`<${name}>`);
		for (const [attribute, value] of Object.entries(element.attribs)) {
			if (/^on/i.test(attribute)) dangers.push(`${name}[${attribute}]`);
			if (attribute === 'style') dangers.push(`${name}[style]`);
			if (/(?:java|vb)script:|data:text\/html/i.test(value.replace(/[\s\u0000-\u001f]/g, ''))) dangers.push(`${name}[${attribute}=${value}]`);
			if (URL_ATTRIBUTES.includes(attribute.toLowerCase())) {
				const url = new URL(value, 'https://archive.example.org/2025/07/24/story/');
				const allowed = attribute === 'href' ? ALLOWED_LINK_PROTOCOLS : ['http', 'https'];
				if (!allowed.includes(url.protocol.slice(0, -1))) dangers.push(`${name}[${attribute}=${value}]`);
			}
		}
	}
	return dangers;
}

// Vectors in the style of OWASP's XSS Filter Evasion Cheat Sheet, written into Markdown as raw HTML or links.
const VECTORS: [string, string][] = [
	['a plain script tag', '<script>alert(1)</script>'],
	['a script tag with a source', '<script src="https://evil.example/x.js"></script>'],
	['a script tag in odd case', '<ScRiPt>alert(1)</sCrIpT>'],
	['a script split by a bogus tag', '<scr<script>ipt>alert(1)</script>'],
	['an image with onerror', '<img src=x onerror=alert(1)>'],
	['an image with onerror in odd case', '<IMG SRC=x OnErRoR="alert(1)">'],
	['an image with a javascript source', '<img src="javascript:alert(1)">'],
	['an image with a data source', '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'],
	['a body with onload', '<body onload=alert(1)>'],
	['an svg with onload', '<svg onload=alert(1)>'],
	['an svg with a script', '<svg><script>alert(1)</script></svg>'],
	['an svg with an animate href', '<svg><a><animate attributeName=href values=javascript:alert(1) /><text y=20>x</text></a></svg>'],
	['a math element with a link', '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>'],
	['an iframe', '<iframe src="https://evil.example/"></iframe>'],
	['an iframe with srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
	['an object', '<object data="javascript:alert(1)"></object>'],
	['an embed', '<embed src="https://evil.example/x.swf">'],
	['a form with a button', '<form action="javascript:alert(1)"><button>Go</button></form>'],
	['a button with formaction', '<button formaction="javascript:alert(1)">Go</button>'],
	['an input with autofocus', '<input autofocus onfocus=alert(1)>'],
	['a base tag', '<base href="https://evil.example/">'],
	['a meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
	['a stylesheet link', '<link rel="stylesheet" href="https://evil.example/x.css">'],
	['a style element', '<style>body { background: url("javascript:alert(1)") }</style>'],
	['a style attribute', '<p style="background:url(javascript:alert(1))">x</p>'],
	['a details element with ontoggle', '<details open ontoggle=alert(1)><summary>x</summary></details>'],
	['a video with onerror', '<video><source onerror="alert(1)"></video>'],
	['a marquee with onstart', '<marquee onstart=alert(1)>x</marquee>'],
	['a template', '<template><img src=x onerror=alert(1)></template>'],
	['a noscript breakout', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
	['an HTML comment breakout', '<!--<img src="--><img src=x onerror=alert(1)//">'],
	['a link with javascript:', '<a href="javascript:alert(1)">x</a>'],
	['a link with JavaScript: in mixed case', '<a href="JaVaScRiPt:alert(1)">x</a>'],
	['a link with leading spaces', '<a href="  javascript:alert(1)">x</a>'],
	['a link with a tab inside the scheme', '<a href="java\tscript:alert(1)">x</a>'],
	['a link with an encoded tab inside the scheme', '<a href="java&#x09;script:alert(1)">x</a>'],
	['a link with an encoded newline inside the scheme', '<a href="java&#10;script:alert(1)">x</a>'],
	['a link with a control character before the scheme', '<a href="&#x01;javascript:alert(1)">x</a>'],
	['a link with decimal entities', '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>'],
	['a link with padded decimal entities', '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>'],
	['a link with hex entities', '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>'],
	['a link with a named colon entity', '<a href="javascript&colon;alert(1)">x</a>'],
	['a link with vbscript:', '<a href="vbscript:msgbox(1)">x</a>'],
	['a link with VBScript: in mixed case', '<a href="VbScRiPt:msgbox(1)">x</a>'],
	['a link with data:text/html', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
	['a link with DATA:TEXT/HTML', '<a href="DATA:TEXT/HTML,<script>alert(1)</script>">x</a>'],
	['a link with an onclick', '<a href="https://example.org/" onclick="alert(1)">x</a>'],
	['a link with onmouseover and no quotes', '<a onmouseover=alert(1)>x</a>'],
	['a blockquote with a javascript cite', '<blockquote cite="javascript:alert(1)">x</blockquote>'],
	['an image with a javascript longdesc', '<img src="https://example.org/a.png" longdesc="javascript:alert(1)">'],
	['a div with a javascript itemtype', '<div itemscope itemtype="javascript:alert(1)">x</div>'],
	['a Markdown link to javascript:', '[x](javascript:alert(1))'],
	['a Markdown link to JAVASCRIPT: with entities', '[x](&#x6A;avascript:alert(1))'],
	['a Markdown link with an escaped colon', '[x](javascript&#58;alert(1))'],
	['a Markdown autolink to javascript:', '<javascript:alert(1)>'],
	['a Markdown image with a javascript source', '![x](javascript:alert(1))'],
	['a Markdown reference link to data:text/html', '[x][1]\n\n[1]: data:text/html,<script>alert(1)</script>'],
	['a Markdown link to vbscript: inside a table', '| a |\n|---|\n| [x](vbscript:msgbox(1)) |'],
	['an attribute-breaking quote', '<a href="https://example.org/" title=""onmouseover="alert(1)">x</a>'],
	['a null byte in a tag name', '<scr\u0000ipt>alert(1)</scr\u0000ipt>'],
];

describe('the article sanitiser', () => {
	test.each(VECTORS)('%s leaves no way to run script', (_name, markdown) => {
		const { html } = renderMarkdown(`Before.\n\n${markdown}\n\nAfter.`);
		expect(findDangers(html)).toEqual([]);
	});

	test.each(VECTORS.filter(([, markdown]) => markdown.startsWith('<') && !/^<javascript:/.test(markdown)))(
		'the check itself spots %s in unsanitised HTML',
		(_name, html) => {
			expect(findDangers(html)).not.toEqual([]);
		},
	);

	test.each([
		['script', '<script>var secret = 1;</script>'],
		['style', '<style>.secret { color: red }</style>'],
		['iframe', '<iframe>secret</iframe>'],
		['template', '<template>secret</template>'],
		['svg', '<svg><text>secret</text></svg>'],
		['textarea', '<textarea>secret</textarea>'],
	])('the content of a %s element does not leak into the text either', (_tag, markdown) => {
		const { html, text } = renderMarkdown(`Visible.\n\n${markdown}\n\nAlso visible.`);
		expect(html).not.toContain('secret');
		expect(text).not.toContain('secret');
		expect(text).toContain('Also visible.');
	});

	test.each([
		['<em>', 'An <em>important</em> point.', 'em', 'important'],
		['<strong>', 'A <strong>strong</strong> point.', 'strong', 'strong'],
		['<sup>', 'E = mc<sup>2</sup>', 'sup', '2'],
		['<sub>', 'H<sub>2</sub>O', 'sub', '2'],
		['<abbr title>', '<abbr title="North Atlantic Treaty Organization">NATO</abbr> met.', 'abbr[title="North Atlantic Treaty Organization"]', 'NATO'],
		['<mark>', 'A <mark>highlighted</mark> word.', 'mark', 'highlighted'],
		['<kbd>', 'Press <kbd>Ctrl</kbd>.', 'kbd', 'Ctrl'],
		['<cite>', 'As <cite>The Times</cite> said.', 'cite', 'The Times'],
		['<small>', 'Fine <small>print</small>.', 'small', 'print'],
		['<q cite>', '<q cite="https://example.org/">Quoted</q>', 'q[cite="https://example.org/"]', 'Quoted'],
		['<time datetime>', '<time datetime="2025-07-24">Thursday</time>', 'time[datetime="2025-07-24"]', 'Thursday'],
		['<figure> with <figcaption>', '<figure><img src="https://example.org/a.png" alt="A"><figcaption>Caption</figcaption></figure>', 'figure figcaption', 'Caption'],
		['an https link', '[Reuters](https://www.reuters.com/world/)', 'a[href="https://www.reuters.com/world/"]', 'Reuters'],
		['a mailto link', '<a href="mailto:desk@example.org">Write</a>', 'a[href="mailto:desk@example.org"]', 'Write'],
		['a relative link', '[Earlier](../../23/story/)', 'a[href="../../23/story/"]', 'Earlier'],
		['a fragment link', '[Note](#note)', 'a[href="#note"]', 'Note'],
	])('keeps harmless HTML: %s', (_name, markdown, selector, text) => {
		const $ = load(renderMarkdown(markdown).html);
		expect($(selector).first().text()).toBe(text);
	});

	test('hostile markup written as code is shown as text', () => {
		const { html, text } = renderMarkdown('Use `<script>alert(1)</script>` to attack.\n\n```html\n<img src=x onerror=alert(1)>\n```');
		expect(findDangers(html)).toEqual([]);
		expect(load(html)('code').first().text()).toBe('<script>alert(1)</script>');
		expect(text).toContain('<img src=x onerror=alert(1)>');
	});

	test('a link loses only its unsafe address, not its text', () => {
		const $ = load(renderMarkdown('<a href="javascript:alert(1)">the story</a>').html);
		expect($('a').attr('href')).toBeUndefined();
		expect($('a').text()).toBe('the story');
	});

	test('a script tag written inside an attribute value stays text in that attribute', () => {
		const $ = load(renderMarkdown('<img src="x" alt="</script><script>alert(1)</script>">').html);
		expect($('script')).toHaveLength(0);
		expect($('img').attr('alt')).toBe('</script><script>alert(1)</script>');
	});

	test('links lose their target and ping attributes', () => {
		const $ = load(renderMarkdown('<a href="https://example.org/" target="_blank" ping="https://evil.example/">x</a>').html);
		expect($('a').attr('target')).toBeUndefined();
		expect($('a').attr('ping')).toBeUndefined();
	});

	test('ids and names from an article are prefixed so they cannot clobber page globals', () => {
		const $ = load(renderMarkdown('<img id="location" name="cookie" src="https://example.org/a.png">').html);
		expect($('img').attr('id')).toBe('user-content-location');
		expect($('img').attr('name')).toBe('user-content-cookie');
	});

	test('external links do not pass the archive address on', () => {
		const $ = load(renderMarkdown('[x](https://example.org/)').html);
		expect($('a').attr('rel')).toBe('noopener noreferrer');
	});
});
