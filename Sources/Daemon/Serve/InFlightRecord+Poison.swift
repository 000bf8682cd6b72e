import Foundation
import Logging
import Pipeline

extension InFlightRecord {
    /// Opens the in-flight record; the files that were with a worker when the previous run
    /// crashed or hung get a strike, and a file with two is quarantined now, before the scan
    /// could take it a third time.
    static func openQuarantiningPoison(database: String, tree: SpoolTree, layout: SpoolLayout, logger: Logger)
        -> InFlightRecord?
    {
        let record: InFlightRecord
        do {
            record = try Self(path: database + ".inflight")
        } catch {
            logger.warning("cannot keep the in-flight record (a crash is not pinned on its file): \(error)")
            return nil
        }
        var poison = PoisonList(database: database)
        let condemned = Set(poison.strike(record.previous))
        for relative in record.previous where !condemned.contains(relative) {
            logger.warning(
                "the previous run crashed or hung while \(layout.display(relative)) was with a worker; it is taken once more, and quarantined if it happens again"
            )
        }
        let stamp = Date().formatted(Date.ISO8601FormatStyle())
        for relative in condemned.sorted() {
            let file = layout.display(relative)
            let error = PipelineError(
                file: file, stage: .claim, code: .poison,
                message: "the daemon crashed or hung twice while this file was with a worker; it is not taken again")
            let place: String
            do {
                place = try tree.quarantine(
                    relative, sidecar: SpoolLayout.sidecar(file: file, sha256: nil, error: error, at: stamp))
            } catch {
                place = "incoming/ (cannot move it: \(error))"
            }
            logger.error(
                "\(file): \(error.message); moved to \(place)",
                metadata: .event(.failed, [.file: file, .stage: "claim", .error: "poison"]))
        }
        poison.retain { relative in
            !condemned.contains(relative) && ((try? tree.status(relative)) ?? nil) != nil
        }
        poison.save()
        return record
    }
}
