/** word-extractor ships no types: the part readDoc (doc.ts) uses. */
declare module 'word-extractor' {
  interface WordDocument { getBody(options?: { filterUnicode?: boolean }): string }
  export default class WordExtractor { extract(source: string | Uint8Array): Promise<WordDocument> }
}
