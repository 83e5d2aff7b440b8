/**
 * Every element the package registers that reads the record from a provider
 * (all but the provider itself), by tag, sorted: read from `define.js`, so a
 * new element is in every suite that walks them without being listed.
 */
import * as registry from '../../src/define.js';

export const RECORD_ELEMENTS: readonly string[] = Object.values(registry)
  .filter((value): value is typeof value & { elementName: string } => typeof value === 'function' && 'elementName' in value)
  .map((element) => element.elementName)
  .filter((tag) => tag !== registry.CareRecordProvider.elementName)
  .sort();
