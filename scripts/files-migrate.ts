// `npm run files:migrate [-- --remove]`: move the documents and frozen export files that earlier
// versions kept on the local disk (UPLOAD_DIR, default .data/uploads) into the database store.
// Safe to run again; verifies every file's SHA-256; `--remove` deletes each disk file once its
// copy in the database has verified. Run it once per host that ever held files.
import { createDb } from '../db/client';
import { diskFileStore } from '../lib/server/storage/file-store';
import { migrateDiskFiles } from '../lib/server/storage/migrate-disk-files';

const disk = diskFileStore();
const h = await createDb();
try {
  const r = await migrateDiskFiles(h.db, disk, { removeFromDisk: process.argv.includes('--remove') });
  console.log(JSON.stringify({ from: disk.root, copied: r.copied.length, alreadyPresent: r.present.length, removedFromDisk: r.removed.length, mismatched: r.mismatched }));
  if (r.mismatched.length) {
    console.error(`${r.mismatched.length} file(s) did not verify and were left on the disk: see "mismatched".`);
    process.exitCode = 2;
  }
} finally {
  await h.close();
}
