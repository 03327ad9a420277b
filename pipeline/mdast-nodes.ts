/**
 * Galley's own mdast node types, declared once by module augmentation so that every stage
 * sees them as real nodes of the tree rather than `any`.
 */
import type { Parent, PhrasingContent } from 'mdast';

/** A photo or illustration with its caption and credit; the image itself may be absent in a scrape. */
export interface Figure extends Parent {
  type: 'figure';
  /** The picture, when the source has one (Markdown image in the article's folder). */
  image?: { url: string; alt: string };
  /** A wire-service slug line (e.g. "Kyrgyzstan Russia"): kept as data, never printed as body text. */
  slug?: string;
  /** Set by layout when the picture is not in the source: the caption closes the article as a photo note (layout/photo-notes.ts). */
  photoNote?: boolean;
  children: Array<FigureCaption | FigureCredit>;
}

/** The descriptive text of a figure. */
export interface FigureCaption extends Parent {
  type: 'figureCaption';
  children: PhrasingContent[];
}

/** The photographer or agency credit of a figure, set apart from its caption. */
export interface FigureCredit extends Parent {
  type: 'figureCredit';
  children: PhrasingContent[];
}

/** The article's copyright notice, placed at its end. */
export interface Copyright extends Parent {
  type: 'copyright';
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface RootContentMap {
    figure: Figure;
    figureCaption: FigureCaption;
    figureCredit: FigureCredit;
    copyright: Copyright;
  }
  interface BlockContentMap {
    figure: Figure;
    copyright: Copyright;
  }
}
