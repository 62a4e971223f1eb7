import type { APIRoute, GetStaticPaths } from 'astro';
import { createCitationResponse, getCitationEntries } from '../../../../../lib/archive-citations.ts';

export const getStaticPaths = (() => getCitationEntries('ris')) satisfies GetStaticPaths;

/** `/YYYY/MM/DD/slug/cite.ris`: the story as an RIS record. */
export const GET: APIRoute<{ text: string }> = ({ props }) => createCitationResponse('ris', props.text);
