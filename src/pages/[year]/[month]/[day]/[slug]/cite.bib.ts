import type { APIRoute, GetStaticPaths } from 'astro';
import { createCitationResponse, getCitationEntries } from '../../../../../lib/archive-citations.ts';

export const getStaticPaths = (() => getCitationEntries('bibtex')) satisfies GetStaticPaths;

/** `/YYYY/MM/DD/slug/cite.bib`: the story as a BibTeX entry. */
export const GET: APIRoute<{ text: string }> = ({ props }) => createCitationResponse('bibtex', props.text);
