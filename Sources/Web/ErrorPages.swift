internal import HTTPTypes
internal import Hummingbird
internal import Logging
internal import NoticeModel

/// Every failure as one clear line: a `WebError`, the router's own 404 and 405, or anything
/// else (a 500 that names no internals), as an HTML page or, under `/api/`, as
/// `{"error": "…"}`. Never a trace.
struct ErrorPages<Context: RequestContext>: RouterMiddleware {
    let pages: Pages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as WebError {
            return respond(status: error.status.rawValue, message: error.message, request)
        } catch let error as HTTPError {
            let message: String
            switch error.status.code {
            case 404: message = "没有这个页面（no such page）"
            case 405: message = "this address takes GET only"
            default: message = "the request could not be served (\(error.status.code))"
            }
            return respond(status: error.status.code, message: message, request)
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return respond(status: 500, message: "the server could not answer this request; see its log", request)
        }
    }

    func respond(status: Int, message: String, _ request: Request) -> Response {
        var headers: HTTPFields = [:]
        if status == 401 { headers[.wwwAuthenticate] = "Basic realm=\"noticed\", charset=\"UTF-8\"" }
        let body: String
        if request.uri.path.hasPrefix("/api/") || request.uri.path.hasPrefix("/export")
            || request.uri.path.hasPrefix("/feed")
        {
            headers[.contentType] = "application/json; charset=utf-8"
            body = JSONValue.object([("error", .string(message))]).serialized() + "\n"
        } else {
            headers[.contentType] = "text/html; charset=utf-8"
            body = pages.render("error", ErrorView(pageTitle: "\(status)", code: status, message: message))
        }
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

/// The error page's values.
struct ErrorView {
    var pageTitle: String
    var code: Int
    var message: String
    var feed: String? = nil
}
