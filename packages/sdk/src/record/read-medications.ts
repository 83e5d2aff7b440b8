/**
 * The medication list's view model from what the reader read: its own module,
 * so that only a page showing the medicines carries (or loads) this code.
 */
import { medicationsViewModel, type MedicationsViewModel } from './medications.js';
import type { RecordReader } from './record-reader.js';

/** Current and past medicines from every source, merged. */
export async function readMedications(reader: RecordReader): Promise<MedicationsViewModel> {
  const input = await reader.medicines();
  return medicationsViewModel(input, { audience: reader.options.audience, now: reader.now() });
}
