import Foundation
import Testing

@testable import Daemon

@Suite("Config: one loader, one validator for the file and the flags")
struct ConfigTests {
    @Test("a table header without a name (toml++ asserted on it) is a one-line config error")
    func headerWithoutName() {
        for text in ["[.", "[[ .x]]", "a = 1\n[ #]", "[\t=]", " [ \n[t", "[[[[", "[", "\r\n [[\n"] {
            #expect(throws: ConfigError.self) { try ServiceConfig.parse(text, file: "n.toml") }
        }
    }

    @Test("the file and the flag refuse the same values with the same reason, each naming its key")
    func sameRefusals() throws {
        let cases: [(ConfigKey, String, ConfigValue, String)] = [
            (.settleDelay, "settle_delay = 4000", .number(4000), "must be a number of seconds between 0 and 3600"),
            (.settleDelay, "settle_delay = -1", .number(-1), "must be a number of seconds between 0 and 3600"),
            (.fileBudget, "file_budget = 0.01", .number(0.01), "must be a number of seconds between 0.1 and 3600"),
            (.workers, "workers = -2", .integer(-2), "must be a whole number ≥ 0"),
            (.after, "after = \"keep\"", .string("keep"), "must be \"archive\" or \"delete\""),
            (.logLevel, "log_level = \"loud\"", .string("loud"), "must be one of trace, debug, info"),
            (.maxFileSize, "max_file_size = 0", .integer(0), "must be a whole number ≥ 1"),
        ]
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-empty-\(getpid()).toml")
        try Data().write(to: empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        for (key, toml, flag, reason) in cases {
            let fromFile = #expect(throws: ConfigError.self) { try ServiceConfig.parse(toml, file: "n.toml") }
            #expect(fromFile?.description.hasPrefix("n.toml: '\(key.rawValue)' \(reason)") == true, "\(toml)")
            let fromFlag = #expect(throws: ConfigError.self) {
                try ConfigSource(file: empty.path, overrides: [.init(key, flag)]).load()
            }
            #expect(fromFlag?.description.hasPrefix("\(key.flag) \(reason)") == true, "\(key)")
        }
    }

    @Test("unknown keys are refused by name; flags override the file and ignore globs add to it")
    func overrides() throws {
        #expect(throws: ConfigError.self) { try ServiceConfig.parse("colour = 1", file: "n.toml") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-config-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("noticed.toml")
        try Data("spool = \"/srv/a\"\nsettle_delay = 5\nignore = [\"*.x\"]\n".utf8).write(to: file)
        let config = try ConfigSource(
            file: file.path,
            overrides: [
                .init(.settleDelay, .number(0.5)), .init(.ignore, .strings(["*.y"])), .init(.database, .string("d")),
            ]
        ).load()
        #expect(config.spool == "/srv/a")
        #expect(config.settleDelay == 0.5)
        #expect(config.ignore == ["*.x", "*.y"])
        #expect(config.database == "d")
        #expect(ConfigKey.database.flag == "--db" && ConfigKey.maxFileSize.flag == "--max-file-size")
    }
}
