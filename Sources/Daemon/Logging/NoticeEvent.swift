/// The daemon's journal events (DESIGN §6 `NOTICE_EVENT`), each with the MESSAGE_ID
/// that the shipped catalog (`systemd/noticed.catalog`) explains.
///
/// `journalctl -u noticed NOTICE_EVENT=failed` and `journalctl MESSAGE_ID=…` both
/// work because every entry the daemon sends names its event and its id.
package enum NoticeEvent: String, CaseIterable, Sendable {
    case started, ready, ingested, duplicate, failed, retry, reloaded, summary, stopping
    /// The spool vanished or the daemon cannot go on (not one of DESIGN's events, so its
    /// `NOTICE_EVENT` is `stopping`; operators find it by its own MESSAGE_ID).
    case fatal

    /// The `NOTICE_EVENT` value (DESIGN §6 lists the allowed ones).
    var fieldValue: String { self == .fatal ? NoticeEvent.stopping.rawValue : rawValue }

    var messageID: String {
        switch self {
        case .started: "cf5336def44f4eb1a0345c99699619bc"
        case .ready: "3183b1edf777485dbc28c34e471bde39"
        case .ingested: "2b16ed9393004e04a3e531ccfd0da4bf"
        case .duplicate: "f2ef320e84db46e08ff04ae3b81744fb"
        case .failed: "6de085cc66ed4f2bb3e0909359a463ff"
        case .retry: "899a0b6566384270b08429312c658b7c"
        case .reloaded: "f1cbc0de10114aff85a9ecfd801f549e"
        case .summary: "48a9ee8fd9454adab3d2005c32fd4b91"
        case .stopping: "0b77e76dda8d47be984f070e154656d3"
        case .fatal: "20981aa9ddf2431a843f5bc55dc6e768"
        }
    }
}
