/**
 * The part of `linebreak` 1.1 (UAX #14, the line breaker pdfkit itself uses) the PDF renderer
 * uses; the package ships no type declarations.
 */
declare module 'linebreak' {
  /** A break opportunity: `position` is the index in the string where the next line would start. */
  export interface Break {
    position: number;
    required: boolean;
  }

  /** Walks the break opportunities of a string in order. */
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
