/** The mdast → hast handlers Galley adds to or overrides in `mdast-util-to-hast`. */
import type { Handler } from 'mdast-util-to-hast';
import { copyright } from './copyright.js';
import { figureCaption } from './figure-caption.js';
import { figureCredit } from './figure-credit.js';
import { figure } from './figure.js';
import { html } from './html.js';
import { image } from './image.js';
import { link } from './link.js';
import { table } from './table.js';

/** Handlers keyed by mdast node type, one per file. */
export const handlers: Record<string, Handler> = {
  copyright,
  figure,
  figureCaption,
  figureCredit,
  html,
  image,
  link,
  table,
};
