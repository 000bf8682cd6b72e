import ArgumentParser
import Daemon
import Foundation
import Pipeline
import Store

/// `noticed show ID|SHA256-PREFIX`: one stored document.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one stored document.")

    @Argument(help: "A document id or a sha256 prefix (6+ hex digits).") var reference: String
    @Flag(help: "The export JSON object.") var json = false
    @Flag(help: "The original bytes exactly as dropped.") var raw = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        let store = try self.store.open(readOnly: true)
        guard let stored = try store.notice(reference: reference) else {
            throw CommandError("no document \(reference)")
        }
        if raw {
            guard let bytes = try store.original(id: stored.id) else {
                throw CommandError("the original bytes of document \(stored.id) are missing or damaged")
            }
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        if json {
            print(stored.json.serialized())
            return
        }
        let n = stored.notice
        let p = n.parsed
        print("#\(stored.id)  \(p.title ?? "(no title)")")
        for (label, value) in [
            ("file", p.clean.file), ("sha256", p.clean.sha256), ("collection", stored.collection ?? "-"),
            ("published", p.published ?? "-"), ("event date", p.eventDate ?? "-"), ("agency", p.agency ?? "-"),
            ("region", p.region.map { "\($0.name) \($0.code)" } ?? "-"), ("level", p.level?.rawValue ?? "-"),
            ("kind", p.kind.rawValue), ("doc number", p.official.docNumber ?? "-"),
            ("tags", n.tags.joined(separator: ", ")), ("cluster", String(stored.cluster)),
            ("people", p.people.map { "\($0.name)（\($0.positions.joined(separator: "、"))）" }.joined(separator: " ")),
            ("encoding", "\(p.clean.encoding.rawValue), \(p.clean.script.rawValue)"),
            ("format", p.clean.format.rawValue), ("source url", p.clean.page?.sourceURL ?? "-"),
            ("ingested", stored.ingestedAt), ("warnings", p.clean.quality.warnings.joined(separator: "; ")),
        ] {
            print("  \(label.padding(toLength: 11, withPad: " ", startingAt: 0)) \(value)")
        }
        if let page = stored.attachmentOf { print("  attachment of #\(page)") }
        let attachments = try store.attachments(of: stored.id)
        if !attachments.isEmpty || !(p.clean.page?.attachments ?? []).isEmpty {
            print("  attachments:")
            for a in attachments {
                print("    #\(a.id)  \((a.file as NSString).lastPathComponent)  \(a.title ?? "")")
            }
            // Links the page names whose files did not arrive with it.
            for link in Drop.missing(p.clean.page?.attachments ?? [], among: attachments.map(\.file)) {
                print("    (not dropped)  \(link.name)  \(link.href)")
            }
        }
        if !p.directives.isEmpty {
            print("  directives:")
            for d in p.directives { print("    - \(d.prefix(80))\(d.count > 80 ? "…" : "")") }
        }
        print()
        print(p.clean.simplified)
    }
}
