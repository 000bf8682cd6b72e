import Pipeline
import Store

/// The daemon's store, opened when first needed and opened again after a failed open.
///
/// A store that cannot be opened for a reason a retry may cure (the file read-only, the disk
/// full, another process holding a lock) must not stop the daemon: systemd would restart it
/// until its start limit gives up, while the inputs could simply wait in `incoming/`. So
/// the service starts without a store in that case, and every commit asks the handle, which
/// tries the open again; the writer's retry with backoff paces the attempts. A commit that
/// fails closes the store too, so a file made writable again is written without a restart.
///
/// Confined to the writer queue once the service is running.
final class StoreHandle: @unchecked Sendable {
    private let open: () throws(StoreError) -> any NoticeStoring
    private var store: (any NoticeStoring)?

    init(open: @escaping () throws(StoreError) -> any NoticeStoring) { self.open = open }

    /// Opens now; a transient failure is returned, not thrown, so the caller can log it and go on.
    func prepare() throws(StoreError) -> StoreError? {
        do {
            _ = try get()
            return nil
        } catch  where error.isTransient {
            return error
        }
    }

    /// Forgets the open store after a failed commit, so the next one opens the file afresh:
    /// SQLite opens a file it may not write read-only and keeps it so even after the file is
    /// made writable again.
    func reset() { store = nil }

    func get() throws(StoreError) -> any NoticeStoring {
        if let store { return store }
        let opened = try open()
        store = opened
        return opened
    }
}
