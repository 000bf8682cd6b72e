package import Logging

/// The structured fields the daemon sends with its journal entries (DESIGN §6), by name.
///
/// Promises: the one spelling of every field and event name. Call sites write
/// `.event(.failed, [.file: name, .stage: "claim", .error: "poison"])`, never a string
/// key, and `LogText` decides what to cut from the same list.
package enum NoticeField: String, CaseIterable, Sendable {
    case event = "NOTICE_EVENT"
    case messageID = "MESSAGE_ID"
    case file = "NOTICE_FILE"
    case sha256 = "NOTICE_SHA256"
    case docID = "NOTICE_DOC_ID"
    case title = "NOTICE_TITLE"
    case agency = "NOTICE_AGENCY"
    case region = "NOTICE_REGION"
    case tags = "NOTICE_TAGS"
    case duration = "NOTICE_DURATION_US"
    case stage = "NOTICE_STAGE"
    case error = "NOTICE_ERROR"

    /// Fields holding text from the documents themselves (capped shorter).
    static let freeText: Set<NoticeField> = [.title, .agency]
    /// Fields the daemon writes itself (event names, ids, digests, numbers): never cut.
    static let trusted: Set<NoticeField> = [.event, .messageID, .sha256, .docID, .duration, .stage, .error]
}

extension Logger.Metadata {
    /// An entry's fields: its event and MESSAGE_ID, then `fields`.
    package static func event(_ event: NoticeEvent, _ fields: [NoticeField: String] = [:]) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            NoticeField.event.rawValue: "\(event.fieldValue)", NoticeField.messageID.rawValue: "\(event.messageID)",
        ]
        for (field, value) in fields { metadata[field.rawValue] = "\(value)" }
        return metadata
    }
}
