/// The daemon's life, as an explicit state machine (swift-service-lifecycle's habit).
///
/// `starting` → `running` ⇄ `reloading` → `stopping` → `stopped`; any state may end
/// in `failed` (the spool vanished, the store cannot be opened): systemd restarts us.
enum Lifecycle: String, Sendable {
    case starting, running, reloading, stopping, stopped, failed
}
