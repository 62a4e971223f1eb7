import type { APIRoute } from 'astro';
import { site } from '../outputs/site.ts';
import { renderDefaultImage } from '../outputs/social-image.ts';
import { DEFAULT_PAPER } from '../outputs/theme-head.ts';

/** `/og-image.png`: the picture link previews show for a story without a photo, in the theme's light colours. */
export const GET: APIRoute = () => {
	const colours = site.theme?.colors?.light;
	const png = renderDefaultImage({ paper: colours?.paper ?? DEFAULT_PAPER.light, ink: colours?.ink ?? '#121212', accent: colours?.accent ?? '#a3161c', rule: colours?.rule ?? '#dad6cd' });
	return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};
