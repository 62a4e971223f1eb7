#!/usr/bin/env node
/**
 * @file One-off conversion of the 18F blog corpus (Jekyll/Eleventy posts with Liquid
 * templating) into Clippings articles, for the demo archive.
 *
 * Usage (from the project root, with the project's Node 24 on PATH):
 *
 *   node scripts/convert-18f.mjs [inputDir] [outputDir]
 *
 * Defaults: ../shared/corpora/markdown-blogs/18f-blog → content/articles/18f.
 * Every input file is either written or skipped with a reason; the run fails (exit 1)
 * on a path collision, an unconvertible template tag, or an output that does not
 * re-read as a valid article. Re-running produces identical bytes, and removes
 * outputs of earlier runs that no input produces any more.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import matter from 'gray-matter';
import * as yaml from 'js-yaml';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import rehypeRaw from 'rehype-raw';
import { toText } from 'hast-util-to-text';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INPUT_DIR = path.resolve(process.argv[2] ?? path.join(ROOT, '../shared/corpora/markdown-blogs/18f-blog'));
const OUTPUT_DIR = path.resolve(process.argv[3] ?? path.join(ROOT, 'content/articles/18f'));

const SITE = 'https://18f.gsa.gov';
const SOURCE = '18F';
const ZONE = 'America/New_York';

/** Front-matter keys the content model allows; anything else in an output is a bug. */
const ALLOWED_KEYS = new Set([
  'title', 'date', 'bylines', 'source', 'summary', 'dateline', 'tags', 'url',
  'updated', 'section', 'lang', 'corrections', 'draft',
]);

/**
 * The posts were written for Jekyll (Ruby's YAML 1.1 parser), which accepts multi-line
 * quoted scalars that js-yaml 5 rejects ("deficient indentation", 114 posts). So inputs
 * are read with the js-yaml 3 that gray-matter itself bundles, with its core schema so
 * that dates stay strings. Outputs are checked with js-yaml 5, like the site reads them.
 */
const legacyYaml = createRequire(createRequire(import.meta.url).resolve('gray-matter'))('js-yaml');
const readInput = (src) =>
  matter(src, { engines: { yaml: (s) => legacyYaml.load(s, { schema: legacyYaml.CORE_SCHEMA }) } });
const readOutput = (src) =>
  matter(src, { engines: { yaml: (s) => yaml.load(s, { schema: yaml.CORE_SCHEMA }) } });

/**
 * Display names for author ids, from 18F's own team list (data/team_members.csv in
 * 18F/18f.gsa.gov, the repository the corpus comes from). Only ids whose name is not
 * simply the title-cased id are listed; every other id falls back to title case
 * (`alan-brouilette` → `Alan Brouilette`, `18F` → `18F`). The same names serve the
 * `{{ "id" | team_link }}` mentions inside bodies.
 */
const TEAM_NAMES = {
  'aaron': 'Aaron Snow', 'afeld': 'Aiden Feldman', 'alan': 'Alan deLevie',
  'alison': 'Alison Rowland', 'alla': 'Alla Goldman Seiffert', 'amos': 'J. Amos Stone',
  'andre': 'Andre Francisco', 'andrewmaier': 'Andrew Maier', 'andrewmcmahon': 'Andrew McMahon',
  'anna': 'Anna Heller Sebok', 'anthony-garvan': 'Tony Garvan', 'becky': 'Becky Sweger',
  'bill': 'Bill Rooney', 'bill-laughman-guest-doj': 'Bill Laughman', 'blacktm': 'Tom Black',
  'boone': 'Greg Boone', 'bradnunnally': 'Brad Nunnally', 'brendan': 'Brendan Sudol',
  'bret': 'Bret Mogilefsky', 'brethauer': 'Nick Brethauer', 'carolyn': 'Carolyn Dew',
  'catherine': 'Catherine Devlin', 'chrisc': 'Chris Cairns', 'christopher-goranson': 'Chris Goranson',
  'clinton-troxel': 'Clint Troxel', 'cm': 'CM Lubinski', 'colinmacarthur': 'Colin MacArthur',
  'dahianna': 'Dahianna Salazar Foreman', 'dan-williams': 'Dan O. Williams', 'david': 'Dave Best',
  'deniseroth': 'Denise Turner Roth', 'diego': 'Diego Lapiduz', 'egoodman': 'Elizabeth Goodman',
  'elaine': 'Elaine Kamlley', 'eleni-gesch-karamanlidis': 'Eleni Gesch-Karamanlidis',
  'emileigh': 'Emileigh Barnes', 'eric': 'Eric Mill', 'erica': 'Erica Deahl',
  'garren': 'Garren Givens', 'gramirez': 'Gabriel Ramírez', 'gray': 'Gray Brooks',
  'greg': 'Greg Godbout', 'gsa-blog-team': 'GSA Blog Team', 'gwynnekostin': 'Gwynne Kostin',
  'hillary': 'Hillary Hartley', 'jackie': 'Jackie Kazil', 'jacobharris': 'Jacob Harris',
  'jameshupp': 'James Hupp', 'jamie': 'Jamie Albrecht', 'jeffwoodworth': 'Jeff Woodworth',
  'jen': 'Jen Ehlers', 'jeremiak': 'Jeremia Kimelman', 'jeremy': 'Jeremy Canfield',
  'jessie': 'Jessie Young', 'jfinch': 'Jay Finch', 'jhunter': 'Jeannine Hunter',
  'joe': 'Joe Polastre', 'jonathanhooper': 'Jonathan Hooper', 'jonathanrubin': 'Jonathan Rubin',
  'josh': 'Josh Ruihley', 'jtag': 'Jesse Taggert', 'jthibault': 'Jennifer Thibault',
  'jtindel': 'John Tindel', 'julia': 'Julia Elman', 'juliawinn': 'Julia Winn',
  'kaitlin': 'Kaitlin Devine', 'kane': 'Kane Baccigalupi', 'kara': 'Kara DeFrias',
  'kate': 'Kate Garklavs', 'kedelman': 'Kathryn Edelman', 'kimberdowsett': 'Kimber Dowsett',
  'kinlane': 'Kin Lane', 'laura-ponce': 'Laura Poncé', 'leah': 'Leah Bannon',
  'lindsay': 'Lindsay Young', 'lisagelobter': 'Lisa Gelobter', 'logan-mcdonald': 'Logan McDonald',
  'majma': 'Raphael Majma', 'manger': 'Noah Manger', 'marco': 'Marco Segreto',
  'marinafox': 'Marina Fox', 'mattchessen': 'Matt Chessen', 'maya': 'Maya Benari',
  'mbland': 'Mike Bland', 'mchopson': 'Mark Hopson', 'meghana': 'Meghana Khandekar',
  'melody': 'Melody Kramer', 'memiwhitehead': 'Memi Whitehead', 'mheadd': 'Mark Headd',
  'mhz': 'Michelle Hertzfeld', 'michael-walker': 'Greg Walker', 'michelle-mcnellis': 'Michelle McNellis',
  'mollieruskin': 'Mollie Ruskin', 'neil-martinsen-burrell': 'Neil Martinsen-Burrell',
  'nick': 'Nick Bristow', 'noah': 'Noah Kunin', 'omid-ghaffari-tabrizi': 'Omid Ghaffari-Tabrizi',
  'ozzy': 'Ozzy Johnson', 'pkarman': 'Peter Karman', 'porta': 'Porta Antiporta',
  'rebeccapiazza': 'Rebecca Piazza', 'robert': 'Dr. Robert L. Read',
  'robin-thottungal': 'Robin A. Thottungal', 'russ': 'Russ Unger', 'ryan': 'Ryan Thurlwell',
  'sarah': 'Sarah Allen', 'sarahcrane': 'Sarah Crane', 'sean': 'Sean Herron',
  'selena-juneau-vogel': 'Selena Juneau-Vogel', 'shashank': 'Shashank Khandelwal',
  'shawn': 'Shawn Allen', 'stephanierivera': 'Stephanie Rivera', 'tadhg': "Tadhg O'Higgins",
  'tgrandison': 'Tyrone Grandison', 'theresa': 'Theresa Summa', 'timlowden': 'Tim Lowden',
  'uchenna-moka-solana': 'Uchenna Moka-Solana', 'vdavez': 'V. David Zvenyach',
  'vicki-mcfadden': 'Vicki McFadden', 'victor': 'Victor Diaz Zapanta', 'will': 'Will Slack',
  'willsullivan': 'Will Sullivan', 'yoz': 'Yoz Grahame', 'yuda': 'John Yuda', 'zaccohn': 'Zac Cohn',
};

/**
 * Turns an 18F author id into the name to print in a byline.
 * @example getTeamName('mhz') // 'Michelle Hertzfeld'
 * @example getTeamName('alan-brouilette') // 'Alan Brouilette'
 * @param {string} id
 * @returns {string}
 */
function getTeamName(id) {
  const key = id.trim();
  return TEAM_NAMES[key] ?? key.split('-').filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
}

/**
 * Makes a link target from the old site absolute, so it works outside 18f.gsa.gov.
 * `//2015/…` (a typo in some posts) is a path on the site, not a host.
 * @example toAbsoluteUrl('/assets/a.png') // 'https://18f.gsa.gov/assets/a.png'
 * @example toAbsoluteUrl('assets/a.png') // 'https://18f.gsa.gov/assets/a.png'
 * @param {string} href
 * @returns {string}
 */
function toAbsoluteUrl(href) {
  const value = href.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('#') || value.startsWith('?')) return value;
  if (value.startsWith('//')) {
    return /^\/\/[^/]*\./.test(value) ? `https:${value}` : SITE + value.replace(/^\/+/, '/');
  }
  return SITE + (value.startsWith('/') ? value : `/${value}`);
}

/**
 * The text a reader sees for an HTML fragment: tags dropped, entities decoded,
 * whitespace collapsed. Markdown characters are left alone (titles such as "O*NET" or
 * "#TheNew10" are literal on the old site too).
 * @example htmlToPlainText('Learning &ldquo;agile&rdquo; <em>fast</em>') // 'Learning “agile” fast'
 * @param {string} html
 * @returns {string}
 */
function htmlToPlainText(html) {
  const tree = rehypeRaw()({ type: 'root', children: [{ type: 'raw', value: String(html) }] });
  return toText(tree).replace(/\s+/g, ' ').trim();
}

/**
 * Escapes text so that Markdown shows it literally (for alt text and captions that were
 * plain HTML text on the old site).
 * @param {string} text
 * @returns {string}
 */
function escapeMarkdownText(text) {
  return text.replace(/[\\`*_[\]<>|~]|&(?=#?\w+;)/g, (c) => `\\${c}`);
}

/**
 * Escapes text for an HTML text node or a double-quoted attribute.
 * @param {string} text
 * @returns {string}
 */
function escapeHtml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A link target for a Markdown destination: spaces and parentheses would end it early.
 * @param {string} url
 * @returns {string}
 */
function toMarkdownDestination(url) {
  return url.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/**
 * Where an embedded player should send a reader instead: the watch page for YouTube.
 * @example toWatchUrl('https://www.youtube-nocookie.com/embed/abc?start=5') // 'https://www.youtube.com/watch?v=abc&t=5'
 * @param {string} src
 * @returns {string}
 */
function toWatchUrl(src) {
  const url = toAbsoluteUrl(src);
  const match = /^https?:\/\/(?:www\.)?youtube(?:-nocookie)?\.com\/embed\/([\w-]+)(?:\?start=(\d+))?/.exec(url);
  if (!match) return url;
  return `https://www.youtube.com/watch?v=${match[1]}${match[2] ? `&t=${match[2]}` : ''}`;
}

/**
 * A replacement for an image or an embedded player: a plain link (the archive works
 * offline, so nothing is loaded from the old site).
 * @typedef {{ label: string, href: string }} MediaLink
 */

/**
 * @param {'Image' | 'Video' | 'Embedded content'} kind
 * @param {string} description alt text or title, plain text
 * @param {string} href absolute
 * @returns {MediaLink}
 */
function mediaLink(kind, description, href) {
  const text = description.replace(/\s+/g, ' ').trim() || decodeURIComponent(href.split('/').pop() ?? href);
  return { label: `${kind}: ${text}`, href };
}

const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/**
 * Renders the Liquid of one post the way the old site did, as far as an archive needs:
 * URLs become absolute, team mentions become names, images and embeds become
 * placeholders for `rewriteMarkdown()`, comments and headshots disappear. `{% raw %}`
 * content is kept verbatim. Anything else throws, so no template syntax leaks.
 * @param {string} body
 * @param {{ image?: string, excerpt?: string }} page front-matter values a body may use
 * @param {MediaLink[]} media receives the placeholders' links
 * @returns {string}
 */
function renderLiquid(body, page, media) {
  const raws = [];
  const addMedia = (link) => `\uE000${media.push(link) - 1}\uE001`;
  let out = body
    .replace(/\{%-?\s*raw\s*-?%\}([\s\S]*?)\{%-?\s*endraw\s*-?%\}/g, (_, inner) => `\uE002${raws.push(inner) - 1}\uE003`)
    .replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g, '')
    .replace(/\{%-?\s*include\s+"linked-figure\.html"\s*,?([\s\S]*?)-?%\}/g, (_, args) => {
      const params = Object.fromEntries(
        [...args.matchAll(/(\w+):\s*"([\s\S]*?)"\s*(?=,|\n|$|\w+:)/g)].map((m) => [m[1], m[2]]),
      );
      if (!params.image) throw new Error(`linked-figure without an image: ${args.trim()}`);
      const image = addMedia(mediaLink('Image', htmlToPlainText(params.alt ?? ''), toAbsoluteUrl(params.image)));
      if (!params.caption && !params.url) return image;
      const caption = escapeMarkdownText(htmlToPlainText(params.caption ?? params.url));
      return `${image}\n\n${params.url ? `[${caption}](${toMarkdownDestination(toAbsoluteUrl(params.url))})` : caption}`;
    })
    .replace(/\{%-?\s*image_with_class\s+"([^"]*)"\s*,?\s*"[^"]*"(?:\s*,?\s*"([\s\S]*?)")?\s*-?%\}/g, (_, src, alt) =>
      addMedia(mediaLink('Image', htmlToPlainText(alt ?? ''), toAbsoluteUrl(src))))
    .replace(/\{%-?\s*image\s+"([^"]*)"(?:\s*,?\s*"([\s\S]*?)")?\s*-?%\}/g, (_, src, alt) =>
      addMedia(mediaLink('Image', htmlToPlainText(alt ?? ''), toAbsoluteUrl(src))))
    .replace(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/g, (whole, expression) => {
      const expr = expression.replace(/\s+/g, ' ');
      let m;
      if (/^site\.baseurl$/.test(expr)) return SITE;
      if ((m = /^"([^"]*)" ?\| ?url$/.exec(expr))) return toAbsoluteUrl(m[1]);
      if ((m = /^"([^"]*)" ?\| ?team_link$/.exec(expr))) return getTeamName(m[1]);
      if (/^"[^"]*" ?\| ?team_photo$/.test(expr)) return ''; // headshot beside a quote; the quote names the person
      if ((m = /^"([^"]*)" ?\| ?embed: ?(?:"([^"]*)"|'([^']*)')$/.exec(expr))) {
        return addMedia(mediaLink('Video', m[2] ?? m[3], toWatchUrl(m[1])));
      }
      if (/^(page\.image|image)( ?\| ?url)?$/.test(expr)) {
        if (!page.image) throw new Error(`${whole} but the post has no image`);
        return toAbsoluteUrl(page.image);
      }
      if (expr === 'page.excerpt') return String(page.excerpt ?? '').trim();
      // Shown as code in a post about Federalist's own template variables.
      if (expr === 'page.preview_baseurl') return whole;
      throw new Error(`unknown Liquid expression ${whole}`);
    });
  const leftover = /\{%[\s\S]*?%\}/.exec(out);
  if (leftover) throw new Error(`unknown Liquid tag ${leftover[0]}`);
  out = out.replace(/\uE002(\d+)\uE003/g, (_, i) => raws[Number(i)]);
  return out;
}

/**
 * Parses Markdown the way the site's renderer does (CommonMark + GFM).
 * @param {string} src
 */
const parseMarkdown = (src) => unified().use(remarkParse).use(remarkGfm).parse(src);

/**
 * Calls `fn(node, ancestors)` for every node, depth first.
 * @param {any} node
 * @param {(node: any, ancestors: any[]) => void} fn
 * @param {any[]} [ancestors]
 */
function walk(node, fn, ancestors = []) {
  fn(node, ancestors);
  for (const child of node.children ?? []) walk(child, fn, [...ancestors, node]);
}

/**
 * Reads the attributes of one HTML start tag.
 * @param {string} tag
 * @returns {Record<string, string>}
 */
function readAttributes(tag) {
  const attributes = {};
  for (const m of tag.matchAll(/([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    attributes[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return attributes;
}

/**
 * The link that replaces an `<img>` or `<iframe>` start tag, or null for other tags.
 * @param {string} tag
 * @returns {MediaLink | null}
 */
function getTagMedia(tag) {
  const name = /^<([\w:-]+)/.exec(tag)?.[1].toLowerCase();
  if (name !== 'img' && name !== 'iframe') return null;
  const attributes = readAttributes(tag.replace(/^<[\w:-]+/, '').replace(/\/?>$/, ''));
  if (name === 'img') return mediaLink('Image', htmlToPlainText(attributes.alt ?? ''), toAbsoluteUrl(attributes.src ?? ''));
  const href = toWatchUrl(attributes.src ?? '');
  return mediaLink(href.includes('youtube.com') ? 'Video' : 'Embedded content', htmlToPlainText(attributes.title ?? ''), href);
}

/**
 * Rewrites an HTML fragment of a post for an offline archive: scripts and styles go,
 * `<img>` and `<iframe>` become links (or just their label inside another link), and
 * root-relative `href`/`src` become absolute.
 * @param {string} html
 * @param {MediaLink[]} media
 * @param {{ anchorDepth: number }} state carries "inside an <a>" across inline fragments
 * @returns {string}
 */
function rewriteHtml(html, media, state) {
  const asHtml = (link) =>
    state.anchorDepth > 0 ? escapeHtml(link.label) : `<a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>`;
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<\/iframe\s*>/gi, '')
    .replace(PLACEHOLDER, (_, i) => asHtml(media[Number(i)]))
    .replace(/<\/?[a-zA-Z][\w:-]*\b[^>]*>/g, (tag) => {
      if (/^<\/?a\b/i.test(tag)) state.anchorDepth = Math.max(0, state.anchorDepth + (tag.startsWith('</') ? -1 : 1));
      if (tag.startsWith('</')) return tag;
      const link = getTagMedia(tag);
      if (link) return asHtml(link);
      return tag.replace(/(\s(?:href|src|xlink:href|poster)\s*=\s*)(["'])(\/[^"']*)\2/gi, (_, before, quote, url) =>
        `${before}${quote}${toAbsoluteUrl(url)}${quote}`);
    });
}

/**
 * Makes a rendered-Liquid Markdown body safe for the archive without touching its prose:
 * images become links to the image, placeholders become links, root-relative link
 * targets become absolute. Code (fenced or inline) is left exactly as written.
 * @param {string} src
 * @param {MediaLink[]} media
 * @returns {string}
 */
function rewriteMarkdown(src, media) {
  const tree = parseMarkdown(src);
  /** @type {{ start: number, end: number, text: string }[]} */
  const edits = [];
  const codeRanges = [];
  const htmlRanges = [];
  const linkRanges = [];
  const definitions = new Map();
  walk(tree, (node) => {
    if (node.type === 'definition') definitions.set(node.identifier, node.url);
  });
  const asMarkdown = (link, insideLink) =>
    insideLink ? escapeMarkdownText(link.label) : `[${escapeMarkdownText(link.label)}](${toMarkdownDestination(link.href)})`;
  const anchorState = new Map(); // per paragraph: inline <a> … </a> spans several html nodes

  walk(tree, (node, ancestors) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    const insideLink = ancestors.some((a) => a.type === 'link' || a.type === 'linkReference');
    switch (node.type) {
      case 'code':
      case 'inlineCode':
        codeRanges.push([start, end]);
        break;
      case 'image':
      case 'imageReference': {
        const url = node.type === 'image' ? node.url : definitions.get(node.identifier) ?? '';
        edits.push({ start, end, text: asMarkdown(mediaLink('Image', node.alt ?? '', toAbsoluteUrl(url)), insideLink) });
        break;
      }
      case 'link':
      case 'definition': {
        if (node.type === 'link') linkRanges.push([start, end]);
        if (!node.url.startsWith('/')) break;
        const raw = src.slice(start, end);
        const marker = node.type === 'link' ? raw.lastIndexOf('](') + 2 : raw.indexOf(']:') + 2;
        let at = start + marker;
        while (/[\s<]/.test(src[at])) at += 1;
        const urlEnd = at + (/^[^\s)>]*/.exec(src.slice(at))[0].length);
        edits.push({ start: at, end: urlEnd, text: toMarkdownDestination(toAbsoluteUrl(src.slice(at, urlEnd))) });
        break;
      }
      case 'html': {
        htmlRanges.push([start, end]);
        const parent = ancestors[ancestors.length - 1];
        const inline = parent.type !== 'root' && parent.type !== 'blockquote' && parent.type !== 'listItem';
        const state = inline ? anchorState.get(parent) ?? { anchorDepth: insideLink ? 1 : 0 } : { anchorDepth: 0 };
        if (inline) anchorState.set(parent, state);
        const value = src.slice(start, end);
        const lone = /^\s*(<(?:img|iframe)\b[^>]*>)\s*(<\/iframe\s*>\s*)?$/i.exec(value);
        if (lone && state.anchorDepth === 0) {
          // A lone image or player reads better as a Markdown link than as an HTML anchor.
          edits.push({ start, end, text: asMarkdown(getTagMedia(lone[1]), insideLink) });
        } else {
          const html = rewriteHtml(value, media, state);
          if (html !== value) edits.push({ start, end, text: html });
        }
        break;
      }
      case 'text': {
        // Liquid written literally in prose (it came through {% raw %}): show it as code,
        // as the same post does elsewhere, rather than as template syntax.
        for (const m of src.slice(start, end).matchAll(/\{\{[^}\n]*\}\}|\{%[^%\n]*%\}/g)) {
          edits.push({ start: start + m.index, end: start + m.index + m[0].length, text: `\`${m[0]}\`` });
        }
        break;
      }
      default:
        break;
    }
  });

  const within = (ranges, offset) => ranges.some(([s, e]) => offset >= s && offset < e);
  for (const m of src.matchAll(PLACEHOLDER)) {
    if (within(htmlRanges, m.index) || within(codeRanges, m.index)) continue;
    edits.push({ start: m.index, end: m.index + m[0].length, text: asMarkdown(media[Number(m[1])], within(linkRanges, m.index)) });
  }

  // An <img> that CommonMark does not accept as HTML (quotes inside its alt) stays text;
  // its alt runs to the last quote.
  for (const m of src.matchAll(/<img\b[^>]*>/gi)) {
    if (within(htmlRanges, m.index) || within(codeRanges, m.index)) continue;
    const alt = /\salt\s*=\s*"([\s\S]*)"/i.exec(m[0])?.[1] ?? '';
    const href = toAbsoluteUrl(/\ssrc\s*=\s*"([^"]*)"/i.exec(m[0])?.[1] ?? '');
    edits.push({ start: m.index, end: m.index + m[0].length, text: asMarkdown(mediaLink('Image', htmlToPlainText(alt), href), within(linkRanges, m.index)) });
  }

  edits.sort((a, b) => b.start - a.start);
  let out = src;
  let lastStart = Infinity;
  for (const edit of edits) {
    if (edit.end > lastStart) throw new Error(`overlapping edits at offset ${edit.start}`);
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    lastStart = edit.start;
  }
  return out;
}

/**
 * Squeezes the runs of blank lines that removed scripts and headshots leave behind,
 * except inside code and HTML, where blank lines can be content.
 * @param {string} src
 * @returns {string}
 */
function collapseBlankLines(src) {
  const keep = [];
  walk(parseMarkdown(src), (node) => {
    if (node.type === 'code' || node.type === 'html') keep.push([node.position.start.offset, node.position.end.offset]);
  });
  return src.replace(/\n(?:[ \t]*\n){2,}/g, (run, offset) =>
    keep.some(([s, e]) => offset < e && offset + run.length > s) ? run : '\n\n');
}

/**
 * Lists what would still break in the archive: images, players, root-relative targets
 * and template syntax outside code.
 * @param {string} body
 * @returns {string[]}
 */
function findBodyProblems(body) {
  const problems = [];
  const tree = parseMarkdown(body);
  const codeRanges = [];
  walk(tree, (node) => {
    if (node.type === 'code' || node.type === 'inlineCode') codeRanges.push([node.position.start.offset, node.position.end.offset]);
    if (node.type === 'image' || node.type === 'imageReference') problems.push(`image ${node.url ?? node.identifier}`);
    if ((node.type === 'link' || node.type === 'definition') && /^\/(?!\/)|^\/\/[^.]*\//.test(node.url)) problems.push(`relative link ${node.url}`);
    if (node.type === 'html') {
      if (/<(img|iframe|script|style)\b/i.test(node.value)) problems.push(`html ${node.value.slice(0, 60)}`);
      if (/\s(?:href|src)\s*=\s*["']?\/(?!\/)/i.test(node.value)) problems.push(`relative html ${node.value.slice(0, 60)}`);
    }
  });
  for (const m of body.matchAll(/\{\{|\{%|\uE000|\uE002|<img\b|<iframe\b/gi)) {
    if (!codeRanges.some(([s, e]) => m.index >= s && m.index < e)) problems.push(`template syntax at ${body.slice(m.index, m.index + 40)}`);
  }
  return problems;
}

/**
 * Normalises a post's date to the content model: `'YYYY-MM-DD'` when only a day is
 * known, otherwise ISO 8601 with an offset. Returns null when it cannot be read.
 * @example normalizeDate('2015-12-17 12:00:00 -5') // '2015-12-17T12:00:00-05:00'
 * @example normalizeDate('2020-07-07T00:00:00.000Z') // '2020-07-07' (a CMS's "date only")
 * @param {string} value
 * @returns {string | null}
 */
function normalizeDate(value) {
  const s = String(value).trim();
  let m;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) {
    const day = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    return dayjs(day, 'YYYY-MM-DD', true).isValid() ? day : null;
  }
  if ((m = /^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.0+)?Z$/.exec(s))) return m[1];
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/.test(s)) return dayjs(s).isValid() ? s : null;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(s)) {
    return dayjs.utc(s).tz(ZONE).format('YYYY-MM-DDTHH:mm:ssZ');
  }
  // Ruby/Jekyll style: "2015-12-17 12:00:00 -5" (offset in hours) or "-0500".
  if ((m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(s))) {
    const time = `${m[2].padStart(2, '0')}:${m[3]}:${m[4] ?? '00'}`;
    const iso = `${m[1]}T${time}${m[5]}${m[6].padStart(2, '0')}:${m[7] ?? '00'}`;
    return dayjs(iso).isValid() ? iso : null;
  }
  if ((m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2})?)$/.exec(s))) {
    const local = dayjs.tz(`${m[1]} ${m[2]}`, ['YYYY-MM-DD H:mm:ss', 'YYYY-MM-DD H:mm'], ZONE);
    return local.isValid() ? local.format('YYYY-MM-DDTHH:mm:ssZ') : null;
  }
  return null;
}

/**
 * @typedef {{ file: string, out: string, relOut: string, text: string, notes: string[] }} Conversion
 * @typedef {{ file: string, reason: string }} Skip
 */

/**
 * Converts one post file into the text of a Clippings article.
 * @param {string} file file name inside INPUT_DIR
 * @returns {Conversion | Skip}
 */
function convertPost(file) {
  const name = /^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)\.md$/.exec(file);
  if (!name) return { file, reason: 'not a post (no YYYY-MM-DD- in the file name)' };
  const notes = [];

  let parsed;
  try {
    parsed = readInput(fs.readFileSync(path.join(INPUT_DIR, file), 'utf8'));
  } catch (error) {
    return { file, reason: `front-matter does not parse: ${error.message.split('\n')[0]}` };
  }
  const fm = parsed.data;

  const fileDay = normalizeDate(`${name[1]}-${name[2]}-${name[3]}`);
  const date = fm.date == null || String(fm.date).trim() === '' ? fileDay : normalizeDate(fm.date);
  if (!date) return { file, reason: `unreadable date ${JSON.stringify(fm.date)}` };
  if (fm.date == null) notes.push('date from file name');
  const day = date.slice(0, 10);
  if (fileDay && day !== fileDay) notes.push(`front-matter date ${day} differs from file name ${fileDay}`);

  const title = htmlToPlainText(fm.title ?? '');
  if (!title) return { file, reason: 'no title' };

  const bylines = [];
  for (const id of [].concat(fm.authors ?? [])) {
    const byline = getTeamName(String(id));
    if (byline && !bylines.includes(byline)) bylines.push(byline);
  }

  const summary = htmlToPlainText(fm.excerpt ?? fm.description ?? '');
  const tags = [];
  for (const tag of [].concat(fm.tags ?? [])) {
    const t = String(tag ?? '').replace(/\s+/g, ' ').trim();
    if (t && !tags.some((x) => x.toLowerCase() === t.toLowerCase())) tags.push(t);
  }

  // The old site's address: Eleventy's permalink /YYYY/MM/DD/<fileSlug>/, where
  // fileSlug drops a strictly zero-padded date prefix from the file name.
  const fileSlug = file.replace(/\.md$/, '').replace(/^\d{4}-\d{2}-\d{2}-/, '');
  const permalink = typeof fm.permalink === 'string' && fm.permalink.trim() ? fm.permalink.trim() : null;
  const url = permalink ? toAbsoluteUrl(permalink) : `${SITE}/${day.replace(/-/g, '/')}/${fileSlug}/`;

  let body;
  try {
    const media = [];
    const rendered = renderLiquid(parsed.content, { image: fm.image ?? undefined, excerpt: fm.excerpt }, media);
    body = collapseBlankLines(rewriteMarkdown(rendered, media)).trim();
  } catch (error) {
    throw new Error(`${file}: ${error.message}`, { cause: error });
  }
  if (!body) return { file, reason: 'empty body' };
  const problems = findBodyProblems(body);
  if (problems.length) throw new Error(`${file}: body still has ${problems.join('; ')}`);

  const data = { title, date, bylines, source: SOURCE };
  if (summary) data.summary = summary;
  if (tags.length) data.tags = tags;
  data.url = url;
  if (typeof fm.locale === 'string' && fm.locale.trim()) data.lang = fm.locale.trim();

  const slug = name[4].toLowerCase();
  const relOut = path.join(day.slice(0, 4), `${day}-${slug}.md`);
  const text = matter.stringify(`${body}\n`, data, { lineWidth: -1 });
  return { file, out: path.join(OUTPUT_DIR, relOut), relOut, text, notes };
}

/**
 * Checks that an output re-reads (with js-yaml 5, core schema) as a valid article.
 * @param {string} text
 * @returns {string[]} problems, empty when valid
 */
function validateArticle(text) {
  const problems = [];
  let parsed;
  try {
    parsed = readOutput(text);
  } catch (error) {
    return [`does not re-read: ${error.message.split('\n')[0]}`];
  }
  const d = parsed.data;
  const plain = (v) => typeof v === 'string' && v.trim() !== '' && !/<[a-z/!]|&[#\w]+;/i.test(v);
  for (const key of Object.keys(d)) if (!ALLOWED_KEYS.has(key)) problems.push(`unexpected key ${key}`);
  if (!plain(d.title)) problems.push('title is not plain text');
  if (typeof d.date !== 'string' || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z))?$/.test(d.date)) {
    problems.push(`bad date ${JSON.stringify(d.date)}`);
  }
  if (!/^date: '[^']+'$/m.test(text.split(/^---$/m)[1] ?? '')) problems.push('date is not a quoted string');
  if (!Array.isArray(d.bylines) || !d.bylines.every(plain)) problems.push('bylines are not plain strings');
  if (d.source !== SOURCE) problems.push('wrong source');
  if ('summary' in d && !plain(d.summary)) problems.push('summary is not plain text');
  if ('tags' in d && !(Array.isArray(d.tags) && d.tags.length && d.tags.every(plain))) problems.push('bad tags');
  if ('lang' in d && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(d.lang)) problems.push('bad lang');
  if (typeof d.url !== 'string' || !/^https:\/\/18f\.gsa\.gov\/\S+\/$/.test(d.url)) problems.push('bad url');
  if (!parsed.content.trim()) problems.push('empty body');
  return problems;
}

/** Runs the conversion and prints its account. */
function main() {
  const files = fs.readdirSync(INPUT_DIR).filter((f) => fs.statSync(path.join(INPUT_DIR, f)).isFile()).sort();
  /** @type {Conversion[]} */
  const written = [];
  /** @type {Skip[]} */
  const skipped = [];
  for (const file of files) {
    const result = convertPost(file);
    if ('reason' in result) skipped.push(result);
    else written.push(result);
  }

  // Case-insensitive, so the archive also checks out on macOS and Windows.
  const byPath = new Map();
  for (const c of written) {
    const key = c.relOut.toLowerCase();
    if (byPath.has(key)) {
      throw new Error(`${byPath.get(key).file} and ${c.file} would both be written to ${c.relOut}`);
    }
    byPath.set(key, c);
  }

  const invalid = written.flatMap((c) => validateArticle(c.text).map((p) => `${c.file}: ${p}`));
  if (invalid.length) throw new Error(`invalid output:\n  ${invalid.join('\n  ')}`);

  let removed = 0;
  if (fs.existsSync(OUTPUT_DIR)) {
    for (const entry of fs.readdirSync(OUTPUT_DIR, { recursive: true })) {
      const rel = String(entry);
      if (rel.endsWith('.md') && !byPath.has(rel.toLowerCase())) {
        fs.rmSync(path.join(OUTPUT_DIR, rel));
        removed += 1;
      }
    }
  }
  let changed = 0;
  for (const c of written) {
    if (fs.existsSync(c.out) && fs.readFileSync(c.out, 'utf8') === c.text) continue;
    fs.mkdirSync(path.dirname(c.out), { recursive: true });
    fs.writeFileSync(c.out, c.text);
    changed += 1;
  }

  const noted = written.filter((c) => c.notes.length);
  console.log(`18F: ${files.length} input files → written ${written.length} (${changed} changed, ${removed} stale removed), skipped ${skipped.length}`);
  for (const s of skipped) console.log(`  skipped ${s.file}: ${s.reason}`);
  console.log(`  ${noted.filter((c) => c.notes.includes('date from file name')).length} dated from the file name`);
  for (const c of noted) {
    for (const note of c.notes.filter((n) => n !== 'date from file name')) console.log(`  note ${c.file}: ${note}`);
  }
  if (written.length + skipped.length !== files.length) throw new Error('some inputs are unaccounted for');
}

try {
  main();
} catch (error) {
  console.error(`convert-18f: ${error.message}`);
  process.exitCode = 1;
}
