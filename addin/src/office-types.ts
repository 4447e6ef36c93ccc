/// <reference types="office-js" />
/**
 * The subset of the Office.js Excel object model that the task pane uses. Every member is taken from
 * `@types/office-js`: the compile-time checks at the bottom prove that the real `Excel.*` classes satisfy these
 * interfaces, so the pane (written against them) runs on real Excel, and the fake host implements exactly them.
 */

export type LoadArg = string | string[];

export interface XRequestContext {
  readonly workbook: XWorkbook;
  readonly runtime: XRuntime;
  sync(): Promise<unknown>;
}

export interface XRuntime {
  /** ExcelApi 1.8: while false, this add-in's writes raise no events. */
  enableEvents: boolean;
}

export interface XApplication {
  suspendApiCalculationUntilNextSync(): void;
}

export interface XWorkbook {
  readonly worksheets: XWorksheetCollection;
  readonly names: XNamedItemCollection;
  readonly application: XApplication;
  /** ExcelApi 1.18: feature-detect before use. */
  readonly notes: XNoteCollection;
  /** ExcelApi 1.4: key/value pairs saved with the workbook (the same store as Office.context.document.settings). */
  readonly settings: XSettingCollection;
}

export interface XSettingCollection {
  add(key: string, value: any): XSetting;
  getItemOrNullObject(key: string): XSetting;
}

export interface XSetting {
  readonly key: string;
  value: any;
  readonly isNullObject: boolean;
  delete(): void;
  load(propertyNames?: LoadArg): XSetting;
}

export interface XWorksheetCollection {
  readonly items: XWorksheet[];
  add(name?: string): XWorksheet;
  getItemOrNullObject(key: string): XWorksheet;
  getActiveWorksheet(): XWorksheet;
  load(propertyNames?: LoadArg): XWorksheetCollection;
}

export type ChangedArgs = Pick<Excel.WorksheetChangedEventArgs, 'address' | 'changeType' | 'source' | 'worksheetId' | 'type'> & {
  /** ExcelApi 1.14; absent on older hosts. */
  readonly triggerSource?: Excel.WorksheetChangedEventArgs['triggerSource'];
};

export interface XEventSource<T> {
  add(handler: (args: T) => Promise<unknown>): { remove(): void };
}

export interface XWorksheet {
  readonly id: string;
  name: string;
  readonly isNullObject: boolean;
  showGridlines: boolean;
  readonly customProperties: XCustomPropertyCollection;
  readonly names: XNamedItemCollection;
  readonly onChanged: XEventSource<ChangedArgs>;
  /** ExcelApi 1.2 (options 1.2, password 1.7). */
  readonly protection: XWorksheetProtection;
  getRange(address?: string): XRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XRange;
  activate(): void;
  load(propertyNames?: LoadArg): XWorksheet;
}

export interface XWorksheetProtection {
  readonly protected: boolean;
  protect(options?: Excel.WorksheetProtectionOptions, password?: string): void;
  unprotect(password?: string): void;
  load(propertyNames?: LoadArg): XWorksheetProtection;
}

export interface XRange {
  readonly address: string;
  readonly isNullObject: boolean;
  values: any[][];
  formulas: any[][];
  numberFormat: any[][];
  readonly format: XRangeFormat;
  readonly dataValidation: XDataValidation;
  readonly conditionalFormats: XConditionalFormatCollection;
  merge(across?: boolean): void;
  /** Deletes the cells (here: whole rows, 'Up'). */
  delete(shift: 'Up' | 'Left'): void;
  select(): void;
  load(propertyNames?: LoadArg): XRange;
}

export interface XRangeFormat {
  columnWidth: number;
  rowHeight: number;
  wrapText: boolean;
  horizontalAlignment: Excel.RangeFormat['horizontalAlignment'];
  verticalAlignment: Excel.RangeFormat['verticalAlignment'];
  readonly fill: { color: string };
  readonly font: { color: string; bold: boolean; size: number };
  readonly borders: XRangeBorderCollection;
  readonly protection: { locked: boolean };
}

export type BorderSide = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideVertical' | 'InsideHorizontal';

export interface XRangeBorderCollection {
  getItem(index: BorderSide): XRangeBorder;
}

export interface XRangeBorder {
  style: Excel.RangeBorder['style'];
  color: string;
}

export interface XDataValidation {
  rule: Excel.DataValidationRule;
  errorAlert: Excel.DataValidationErrorAlert;
  prompt: Excel.DataValidationPrompt;
  ignoreBlanks: boolean;
}

export interface XConditionalFormatCollection {
  add(type: 'Custom'): XConditionalFormat;
}

export interface XConditionalFormat {
  readonly custom: {
    readonly rule: { formula: string };
    readonly format: { readonly fill: { color: string }; readonly font: { color: string } };
  };
}

export interface XNamedItemCollection {
  readonly items: XNamedItem[];
  add(name: string, reference: string, comment?: string): XNamedItem;
  getItemOrNullObject(name: string): XNamedItem;
  load(propertyNames?: LoadArg): XNamedItemCollection;
}

export interface XNamedItem {
  readonly name: string;
  /** '=\'年报表格\'!$D$23:$J$47', or with #REF! once its cells were deleted (ExcelApi 1.7). */
  readonly formula: any;
  readonly type: Excel.NamedItem['type'];
  readonly isNullObject: boolean;
  delete(): void;
  load(propertyNames?: LoadArg): XNamedItem;
}

export interface XCustomPropertyCollection {
  add(key: string, value: string): XCustomProperty;
  getItemOrNullObject(key: string): XCustomProperty;
}

export interface XCustomProperty {
  readonly key: string;
  value: string;
  readonly isNullObject: boolean;
  load(propertyNames?: LoadArg): XCustomProperty;
}

export interface XNoteCollection {
  readonly items: XNote[];
  add(cellAddress: string, content: string): XNote;
  getItem(key: string): XNote;
  load(propertyNames?: LoadArg): XNoteCollection;
}

export interface XNote {
  content: string;
  delete(): void;
  getLocation(): XRange;
  load(propertyNames?: LoadArg): XNote;
}

/** What the pane needs from its host: `Excel.run` and the requirement-set check. */
export interface ExcelHost {
  run<T>(batch: (context: XRequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
}

// Compile-time proof that the real Office.js types satisfy the subset above.
type Satisfies<T extends U, U> = T;
export type RealTypesSatisfySubset = [
  Satisfies<Excel.RequestContext, XRequestContext>,
  Satisfies<Excel.Worksheet, XWorksheet>,
  Satisfies<Excel.Range, XRange>,
  Satisfies<Excel.NamedItem, XNamedItem>,
  Satisfies<Excel.WorksheetProtection, XWorksheetProtection>,
  Satisfies<Excel.SettingCollection, XSettingCollection>,
  Satisfies<Excel.NoteCollection, XNoteCollection>,
  Satisfies<Excel.WorksheetChangedEventArgs, ChangedArgs>,
];

/** The real host, inside Office. */
export function officeHost(): ExcelHost {
  return {
    run: (batch) => Excel.run((context) => batch(context)),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
  };
}
