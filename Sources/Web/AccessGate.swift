internal import Foundation
internal import HTTPTypes
internal import Hummingbird

/// When a token is set, every request must present it: `Authorization: Bearer TOKEN`, or basic
/// auth whose password is the token (what a browser asks for). Compared in constant time.
struct AccessGate<Context: RequestContext>: RouterMiddleware {
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let header = request.headers[.authorization], Self.presents(header, token: token) else {
            throw WebError(.unauthorized, "this server needs its token (Authorization: Bearer …, or basic auth)")
        }
        return try await next(request, context)
    }

    static func presents(_ header: String, token: String) -> Bool {
        if header.hasPrefix("Bearer ") { return same(String(header.dropFirst(7)), token) }
        if header.hasPrefix("Basic "), let data = Data(base64Encoded: String(header.dropFirst(6))),
            let pair = String(data: data, encoding: .utf8), let colon = pair.firstIndex(of: ":")
        {
            return same(String(pair[pair.index(after: colon)...]), token)
        }
        return false
    }

    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) { diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0) }
        return diff == 0
    }
}
