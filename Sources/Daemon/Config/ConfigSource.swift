import Foundation

/// Where the daemon's settings come from: a config file, then the flags over it.
///
/// Promises: the one loader for both paths. The file is `file`, else
/// `ServiceConfig.defaultPath` if it exists, else none (built-in defaults). Each flag goes
/// through the same validator as the file's key (`ServiceConfig.set`), and `load()` reads
/// the file afresh each time, which is what a SIGHUP reload needs. `ignore` flags add to
/// the file's list; every other flag replaces the file's value.
package struct ConfigSource: Sendable {
    /// One flag's value for one key.
    package struct Override: Sendable, Hashable {
        package var key: ConfigKey
        package var value: ConfigValue

        package init(_ key: ConfigKey, _ value: ConfigValue) {
            self.key = key
            self.value = value
        }
    }

    package var file: String?
    package var overrides: [Override]

    package init(file: String? = nil, overrides: [Override] = []) {
        self.file = file
        self.overrides = overrides
    }

    /// The file this source reads, if any: the one named, else the default if it exists.
    package var resolvedFile: String? {
        file ?? (FileManager.default.fileExists(atPath: ServiceConfig.defaultPath) ? ServiceConfig.defaultPath : nil)
    }

    package func load() throws(ConfigError) -> ServiceConfig {
        var config = ServiceConfig()
        if let path = resolvedFile {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ConfigError(file: nil, "cannot read the config file \(path)")
            }
            config = try ServiceConfig.parse(text, file: path)
        }
        for override in overrides {
            var value = override.value
            if override.key == .ignore, case .strings(let more) = value { value = .strings(config.ignore + more) }
            do {
                try config.set(override.key, value)
            } catch {
                throw ConfigError(file: nil, "\(override.key.flag) \(error.reason)")
            }
        }
        return config
    }
}
