/// What a request did wrong or asked for that is not there: a status and one line for the
/// person who sent it. Never a trace, never the store's wording.
public struct WebError: Error, Sendable {
    public enum Status: Int, Sendable {
        case badRequest = 400
        case unauthorized = 401
        case notFound = 404
        case unavailable = 503
    }

    public var status: Status
    public var message: String

    public init(_ status: Status, _ message: String) {
        self.status = status
        self.message = message
    }
}
