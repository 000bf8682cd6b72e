import Pipeline
private import TOMLKit

extension ServiceConfig {
    /// Parses a config file's text (pure: text in, value or one line out); `file` names it in errors.
    /// Unknown keys are refused, and every value goes through `set(_:_:)`.
    package static func parse(_ text: String, file: String) throws(ConfigError) -> ServiceConfig {
        let table: TOMLTable
        do {
            table = try TOMLText.table(text)
        } catch {
            throw ConfigError(file: file, "not valid TOML at line \(error.line), column \(error.column)")
        }
        var config = ServiceConfig()
        var entries: [(String, any TOMLValueConvertible)] = []
        for name in table.keys {
            // `[web]`: the web server's keys, named `web.KEY`.
            if name == "web", let web = table[name]!.table {
                for sub in web.keys { entries.append(("web." + sub, web[sub]!)) }
            } else {
                entries.append((name, table[name]!))
            }
        }
        for (name, toml) in entries {
            guard let key = ConfigKey(rawValue: name) else { throw ConfigError(file: file, "unknown key '\(name)'") }
            do {
                try config.set(key, value(toml))
            } catch {
                throw ConfigError(file: file, "'\(name)' \(error.reason)")
            }
        }
        return config
    }

    /// TOML's value as a `ConfigValue`; a list with anything but strings, or a table, becomes
    /// a value no key accepts, so `set` words the refusal.
    private static func value(_ toml: any TOMLValueConvertible) -> ConfigValue {
        if let s = toml.string { return .string(s) }
        if let i = toml.int { return .integer(i) }
        if let d = toml.double { return .number(d) }
        if let array = toml.array {
            let strings = array.compactMap { $0.string }
            return strings.count == array.count ? .strings(strings) : .number(.nan)
        }
        return .number(.nan)
    }
}
