/// A command that could not do its work: printed as one line (`Error: …`) with a non-zero
/// exit, without the usage text that argument mistakes get.
struct CommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
