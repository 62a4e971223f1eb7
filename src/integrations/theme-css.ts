/**
 * `/theme.css`: the design tokens of the settings' `theme`. Injected by the integration only when the
 * theme sets a token, and linked by every page after the archive's own styles.
 */
import type { APIRoute } from 'astro';
import config from 'virtual:clippings/config';
import { renderThemeCss } from '../model/theme.ts';

export const GET: APIRoute = () => new Response(renderThemeCss(config.theme) ?? '', { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
