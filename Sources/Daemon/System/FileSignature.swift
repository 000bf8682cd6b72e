#if canImport(Glibc)
    import Glibc
#endif

/// Size, mtime and inode of a file: what "settled" and "complete" compare.
struct FileSignature: Equatable, Sendable {
    var size: Int
    var mtime: Int
    var inode: UInt64

    init(_ info: stat) {
        size = Int(info.st_size)
        mtime = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
    }
}

extension Directory.Kind {
    init(_ mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        default: self = .other
        }
    }
}
