import Foundation
package import Pipeline

extension NoticePipeline {
    /// The pipeline a config asks for: the built-in rules with the operator's rules file
    /// (if any) merged over them, and a cleaner that refuses inputs over `maxBytes`.
    ///
    /// The one place a rules file is read: `serve` at start and on reload, `check`,
    /// `inspect`, `ingest` and `reprocess` all build their pipeline here.
    package static func loading(rulesFile: String?, maxBytes: Int) throws(ConfigError) -> NoticePipeline {
        var ruleSet = RuleSet.builtIn
        if let rulesFile {
            guard let text = try? String(contentsOfFile: rulesFile, encoding: .utf8) else {
                throw ConfigError(file: nil, "cannot read the rules file \(rulesFile)")
            }
            do {
                ruleSet = try ruleSet.merging(text, file: rulesFile)
            } catch {
                throw ConfigError(file: nil, error.description)
            }
        }
        return NoticePipeline(cleaner: Cleaner(maxBytes: maxBytes), tagger: Tagger(rules: ruleSet))
    }
}
