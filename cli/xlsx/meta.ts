/** The workbook's self-description lives in the core (shared/xlsx/meta.ts), read and written by the same keys. */
export * from '../../shared/xlsx/meta.js';
