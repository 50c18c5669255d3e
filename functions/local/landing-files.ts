import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface IgnoredFile {
  readonly file: string;
  readonly reason: string;
}

export interface LandingFiles {
  /** The CSV files to upload, relative to the landing folder, oldest period first. */
  readonly uploads: readonly string[];
  /** Files that are not partner CSVs (a README, a manifest, an Excel lock file), and why. */
  readonly ignored: readonly IgnoredFile[];
}

/** Why a file in a landing folder is not uploaded, or undefined when it is a CSV to upload. */
export function notUploaded(file: string): string | undefined {
  const name = file.split(/[\\/]/).at(-1) ?? file;
  if (name.startsWith('~$')) return 'an Excel lock file';
  if (name.startsWith('.')) return 'a hidden file';
  if (!/\.csv$/i.test(name)) return 'not a CSV file';
  return undefined;
}

/**
 * Sorts the files of a landing folder (paths relative to it) into the CSVs partners would upload,
 * oldest period first, and the rest, which are not uploaded. A CSV in the wrong place is still
 * uploaded: the pipeline rejects it with a report, as it would in AWS.
 */
export function sortLandingFiles(files: readonly string[]): LandingFiles {
  const periodOf = (file: string) => file.split(/[\\/]/)[2] ?? '';
  const uploads = files.filter((file) => notUploaded(file) === undefined);
  const ignored = files.flatMap((file) => {
    const reason = notUploaded(file);
    return reason === undefined ? [] : [{ file, reason }];
  });
  return { uploads: uploads.sort((a, b) => periodOf(a).localeCompare(periodOf(b)) || a.localeCompare(b)), ignored };
}

/** Every file under the landing folder, sorted into uploads and ignored files. */
export function landingFiles(root: string): LandingFiles {
  const walk = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      return statSync(path).isDirectory() ? walk(path) : [relative(root, path)];
    });
  return sortLandingFiles(walk(root).map((file) => file.split(sep).join('/')));
}
