/**
 * The contracts between stages: plain data in, plain data out (see ../shared/DESIGN.md).
 * Print lengths are PDF points (72 per inch) everywhere past the template loader.
 */
import type { Root } from 'mdast';
import './mdast-nodes.js';

/** What is known about one article, from its front matter or recognised in a scrape. */
export interface ArticleMeta {
  /** File-name-safe identifier derived from the headline. */
  slug: string;
  title: string;
  /**
   * A saved page's own title when it is the headline with the site's name after it ("How to Build
   * a Terrarium | eHow"): what a library lists the book under (EPUB `dc:title`, PDF Title), as
   * pandoc and Calibre take a page's title. The pages (cover, title page, chapter) show `title`.
   */
  declaredTitle?: string;
  /** The front matter's `subtitle:`, a line under the title. */
  subtitle?: string;
  /** BCP 47 language tag. */
  lang: string;
  /** Writing direction of the article's main language. */
  dir: 'ltr' | 'rtl';
  /** Copyright notice as printed, e.g. "© 2023 Washington Examiner". */
  rights?: string;
  publisher?: string;
  byline?: string[];
  /** ISO 8601 date (or year) of publication. */
  date?: string;
  description?: string;
  /** Canonical URL or other origin of the article. */
  source?: string;
  /** The front matter's `cover:`: a picture in the article's folder (relative path) that is the book's cover instead of the generated one. */
  cover?: string;
  /** The file the article was read from. */
  file: string;
}

/** A content problem or a decision worth telling the editor about, with its place in the source. */
export interface Diagnostic {
  severity: 'info' | 'warning' | 'error';
  /** Short machine name of the rule that spoke, e.g. `dropped-boilerplate`. */
  rule: string;
  message: string;
  file: string;
  line?: number;
  column?: number;
  /** For dropped lines: the text exactly as it stood in the source. */
  text?: string;
}

/** One article after recognition: metadata, its mdast tree and what was said about it. */
export interface Article {
  meta: ArticleMeta;
  tree: Root;
  diagnostics: Diagnostic[];
  /** The words the books must keep (with the dropped lines): the source's text, or for a web page the article's. */
  sourceText?: string;
}

/** The style roles a template sizes; every block and every page furniture item has one. */
export type StyleRole =
  'title' | 'subtitle' | 'byline' | 'heading' | 'subheading' | 'body' | 'blockquote' | 'listItem' | 'code' | 'table' | 'caption' | 'credit' | 'copyright' | 'runningHead' | 'folio';

/** The four faces of a family. */
export type FontFace = 'regular' | 'italic' | 'bold' | 'boldItalic';

/** How one role is set, resolved to points. */
export interface TextStyle {
  /** Key into `PrintSettings.fonts`. */
  family: string;
  face: FontFace;
  size: number;
  leading: number;
  align: 'left' | 'right' | 'center' | 'justify';
  spaceBefore: number;
  spaceAfter: number;
  /** First-line indent. */
  indent: number;
  /** Left and right indent of the whole block. */
  inset: number;
  /** `small-caps`: the font's small capitals, from the upper-cased text (OpenType c2sc). */
  transform: 'none' | 'uppercase' | 'small-caps';
  /** Extra space between letters, in points. */
  tracking: number;
  /** Grey level of the text, 0 = black, 1 = white (DeviceGray, never RGB). */
  gray: number;
}

/** How words of one language may be hyphenated (TeX's \\lefthyphenmin, \\righthyphenmin, \\uchyph). */
export interface HyphenationRules {
  /** Fewest letters before a hyphen. */
  left: number;
  /** Fewest letters after a hyphen, on the next line. */
  right: number;
  /** Whether a capitalised word may be hyphenated (languages that capitalise nouns). */
  capitalised?: boolean;
}

/** Everything the PDF renderer needs, resolved from the template to points and absolute paths. */
export interface PrintSettings {
  trim: { width: number; height: number };
  bleed: number;
  margins: { top: number; bottom: number; inside: number; outside: number };
  /** How far below the top of the text column a chapter's first page starts (the opening's sink). */
  sink?: number;
  /** Pick the inside margin from the final page count (KDP's table) when true. */
  gutterByPageCount: boolean;
  cropMarks: boolean;
  /** The thinnest line the printer prints, in points (KDP asks for 0.75 pt): a table's rules and strike lines are never thinner. */
  minLineWeight: number;
  /** Print the generated cover as page 1, followed by a blank verso, when true. */
  coverPage: boolean;
  /** Fewest pages of the PDF, padded with blank pages at the end (a print service's minimum, such as KDP's 24); 0 for none. */
  minPages: number;
  /** The print book's own first pages (the template's `frontMatter`). */
  frontMatter: PrintFrontMatter;
  /** Family name → face → absolute path of a TTF/OTF file. */
  fonts: Record<string, Partial<Record<FontFace, string>>>;
  /** Fonts tried, in order, for characters the style's own font lacks (absolute paths). */
  fallbackFonts: string[];
  /** Bold faces of the fallback fonts, tried first for bold text (headlines, headings, the cover's title) so that every script has display weights. */
  boldFallbackFonts: string[];
  /** Size Arabic and Hebrew fallback runs so that their letters match the text face's x-height. */
  matchXHeight: boolean;
  styles: Record<StyleRole, TextStyle>;
  hyphenate: boolean;
  /** Hyphenation rules by language tag (lower case) or primary subtag, and `default`. */
  hyphenation: Record<string, HyphenationRules>;
  /** What the preflight enforces (a large-print template's rules); a book that breaks one fails. */
  rules?: PrintRules;
  runningHeads: boolean;
  folios: boolean;
  pdfa: boolean;
  /** The print-on-demand cover (back, spine and front in one PDF). */
  cover: PrintCoverSettings;
  /** The home-printed booklet: the sheet its pages are imposed on, two to a side. */
  booklet: { sheet: Sheet };
}

/** Paper of a print-on-demand interior, which sets the spine's width (KDP's thickness per page). */
export type Paper = 'white' | 'cream';

/** A home printer's sheet, used landscape with two pages to a side: Letter takes 5.5×8.5 in pages, A4 takes A5. */
export type Sheet = 'letter' | 'a4';

/** How the print cover's back and spine are designed; the front is the template's cover. */
export interface PrintCoverSettings {
  paper: Paper;
  /** SVG skeleton of the back cover (the front's view box), with `{{summary}}`, `{{title}}`, `{{author}}`, `{{publisher}}` and `{{background}}`. */
  backSvg?: string;
  /** The spine's type: family name (as the cover's SVG names it), weight of the title (the author is set at 400), largest size in points, and colour. */
  spine: { fontFamily: string; fontWeight: number; size: number; fill: string };
}

/** Which first pages the print book has before its text, and what the copyright page ends with. */
export interface PrintFrontMatter {
  titlePage: boolean;
  /** On the title page's back: notice, first publication, source, identifier, colophon. */
  copyrightPage: boolean;
  /** "Set in {{text}}.": `{{family}}` names the type of that font family (filled when the page is set). */
  colophon?: string;
}

/** Something a template can forbid in its print edition. */
export type PrintRule = 'italic' | 'capitals' | 'justified' | 'hyphenation' | 'serif';

/** Rules a template sets for its print edition, checked on the typeset pages (large print: APH and RNIB guidance). */
export interface PrintRules {
  /** No type smaller than this, in points: running heads, folios and credits included. */
  minTypeSize: number;
  /** Smallest leading as a multiple of the type size. */
  minLeading: number;
  forbid: PrintRule[];
}

/** Everything the EPUB renderer needs from the template. */
export interface EpubSettings {
  /** The stylesheet text. */
  css: string;
  /** SVG skeleton of the cover with `{{title}}`, `{{author}}`, `{{publisher}}` and `{{background}}` placeholders, when the template has one. */
  coverSvg?: string;
}

/** Metadata of a whole book, complete: nothing left for a renderer to invent. */
export interface EditionMeta extends ArticleMeta {
  /** `urn:uuid:` identifier derived from the article, stable across builds. */
  identifier: string;
  description: string;
  /** ISO 8601 timestamp (UTC, seconds) used for every "modified" or "created" date in the files. */
  modified: string;
}

/** One chapter: an article's tree with its own metadata and images. */
export interface Chapter {
  id: string;
  meta: ArticleMeta;
  tree: Root;
  /** Image bytes keyed by the `url` as this chapter's tree writes it (read from its article's folder): two chapters' `photo.jpg` stay two pictures. */
  assets: Record<string, Asset>;
}

/** Words the generated parts of a book need (navigation, contents, front matter), from the template, so a book in another language can have its own. */
export interface Labels {
  /** Heading of the table of contents, in both books. */
  toc: string;
  landmarks: string;
  pageList: string;
  titlePage: string;
  bodymatter: string;
  copyright: string;
}

/** A book ready to render: metadata, chapters and the template's settings. */
export interface Edition {
  meta: EditionMeta;
  chapters: Chapter[];
  print: PrintSettings;
  epub: EpubSettings;
  labels: Labels;
  /** Name of the template it was laid out with. */
  template: string;
}

/** An image read from the article's folder, ready to embed. */
export interface Asset {
  mediaType: 'image/jpeg' | 'image/png';
  bytes: Uint8Array;
  /** Pixel size, for scaling in print and for EPUB `width`/`height`. */
  width: number;
  height: number;
}

/** Where a printed page begins in the text, so the EPUB can mark the same place ("page 3" in both books). */
export interface PageStart {
  /** The printed folio number of the page. */
  page: number;
  /** Index of the chapter in `Edition.chapters`. */
  chapter: number;
  /** Index of the block in the chapter's `tree.children`. */
  block: number;
  /** Character offset into that block's text (`mdast-util-to-string`), where the page's first line starts. */
  offset: number;
}

/** A file of a built book as the manifest records it and the downloads page lists it. */
export interface BookFile {
  /** File name relative to the output folder. */
  name: string;
  mediaType: string;
  bytes: number;
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: string;
  /** What the reader is offered, e.g. "EPUB" or "Print PDF". */
  label: string;
}

/** A file a renderer made: name relative to the output folder, media type and bytes. */
export interface Artifact {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}
