import CSystemd

/// sd_notify(3): tells systemd that the service is ready, reloading, stopping, alive,
/// and what it is doing (`STATUS=`, shown by `systemctl status`). Outside systemd
/// (`NOTIFY_SOCKET` unset) every call is a no-op.
struct SystemdNotifier: Sendable {
    func ready(status: String) { send("READY=1\nSTATUS=\(status)") }
    func reloading() { send("RELOADING=1\nSTATUS=reloading configuration and rules") }
    func stopping() { send("STOPPING=1\nSTATUS=stopping: finishing the files in flight") }
    func status(_ text: String) { send("STATUS=\(text)") }
    func watchdog() { send("WATCHDOG=1") }

    /// Half the watchdog interval systemd expects pings at, if it expects them.
    var watchdogInterval: Double? {
        var usec: UInt64 = 0
        guard sd_watchdog_enabled(0, &usec) > 0, usec > 0 else { return nil }
        return Double(usec) / 2e6
    }

    private func send(_ state: String) { _ = sd_notify(0, state) }
}
