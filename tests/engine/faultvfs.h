// A disk that fills up on demand, for fault-injection tests: an SQLite VFS that wraps the
// platform's default VFS and fails every xWrite with SQLITE_FULL while `diskFull` is set.
// installShim() registers it as the default VFS for the rest of the process (mounting a small
// tmpfs would need root).
#pragma once

#include <sqlite3.h>

#include <atomic>

namespace FaultVfs {
inline std::atomic_bool diskFull{false};
inline std::atomic_int failedWrites{0};
inline sqlite3_vfs *realVfs = nullptr;
inline sqlite3_vfs shimVfs;

struct ShimFile
{
    sqlite3_file base;
    sqlite3_file *real; // follows this struct in the same allocation
};

inline sqlite3_file *real(sqlite3_file *f)
{
    return reinterpret_cast<ShimFile *>(f)->real;
}

inline int shimClose(sqlite3_file *f)
{
    return real(f)->pMethods ? real(f)->pMethods->xClose(real(f)) : SQLITE_OK;
}
inline int shimRead(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    return real(f)->pMethods->xRead(real(f), buf, n, off);
}
inline int shimWrite(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    if (diskFull) {
        ++failedWrites;
        return SQLITE_FULL;
    }
    return real(f)->pMethods->xWrite(real(f), buf, n, off);
}
inline int shimTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    return real(f)->pMethods->xTruncate(real(f), size);
}
inline int shimSync(sqlite3_file *f, int flags)
{
    return real(f)->pMethods->xSync(real(f), flags);
}
inline int shimFileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    return real(f)->pMethods->xFileSize(real(f), size);
}
inline int shimLock(sqlite3_file *f, int l)
{
    return real(f)->pMethods->xLock(real(f), l);
}
inline int shimUnlock(sqlite3_file *f, int l)
{
    return real(f)->pMethods->xUnlock(real(f), l);
}
inline int shimCheckReserved(sqlite3_file *f, int *out)
{
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
inline int shimFileControl(sqlite3_file *f, int op, void *arg)
{
    return real(f)->pMethods->xFileControl(real(f), op, arg);
}
inline int shimSectorSize(sqlite3_file *f)
{
    return real(f)->pMethods->xSectorSize(real(f));
}
inline int shimDeviceCharacteristics(sqlite3_file *f)
{
    return real(f)->pMethods->xDeviceCharacteristics(real(f));
}
inline int shimShmMap(sqlite3_file *f, int page, int size, int extend, void volatile **p)
{
    return real(f)->pMethods->xShmMap(real(f), page, size, extend, p);
}
inline int shimShmLock(sqlite3_file *f, int offset, int n, int flags)
{
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
inline void shimShmBarrier(sqlite3_file *f)
{
    real(f)->pMethods->xShmBarrier(real(f));
}
inline int shimShmUnmap(sqlite3_file *f, int deleteFlag)
{
    return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
}
inline int shimFetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p)
{
    return real(f)->pMethods->xFetch(real(f), off, n, p);
}
inline int shimUnfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    return real(f)->pMethods->xUnfetch(real(f), off, p);
}

inline const sqlite3_io_methods shimMethods = {
    3,           shimClose,     shimRead,          shimWrite,        shimTruncate,
    shimSync,    shimFileSize,  shimLock,          shimUnlock,       shimCheckReserved,
    shimFileControl, shimSectorSize, shimDeviceCharacteristics, shimShmMap, shimShmLock,
    shimShmBarrier, shimShmUnmap, shimFetch,       shimUnfetch,
};

inline int shimOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *f, int flags, int *outFlags)
{
    auto *shim = reinterpret_cast<ShimFile *>(f);
    shim->real = reinterpret_cast<sqlite3_file *>(shim + 1);
    shim->base.pMethods = nullptr;
    const int rc = realVfs->xOpen(realVfs, name, shim->real, flags, outFlags);
    if (shim->real->pMethods)
        shim->base.pMethods = &shimMethods;
    return rc;
}

inline void installShim()
{
    if (realVfs)
        return;
    realVfs = sqlite3_vfs_find(nullptr);
    shimVfs = *realVfs;
    shimVfs.zName = "signalbox-faults";
    shimVfs.szOsFile = int(sizeof(ShimFile)) + realVfs->szOsFile;
    shimVfs.xOpen = shimOpen;
    shimVfs.pNext = nullptr;
    sqlite3_vfs_register(&shimVfs, 1); // the default from now on
}

} // namespace FaultVfs
