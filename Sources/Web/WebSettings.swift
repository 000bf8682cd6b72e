/// Where `noticed web` listens and what it serves: from `--listen`, `--db`, `--token-file` and
/// the config file's `[web]` table.
public struct WebSettings: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// A SQLite file or a `postgresql://` URL.
    public var database: String
    /// The PostgreSQL password's file (else `PGPASSFILE`); unused for SQLite.
    public var passwordFile: String?
    /// The daemon's spool, for the status page's folder counts; nil leaves them out.
    public var spool: String?
    /// The secret a request must present (`Authorization: Bearer …`, or as the password of
    /// basic auth); required when `host` is not a loopback address.
    public var token: String?
    /// How much memory (MiB) each of the two caches of recent queries may hold (the index's
    /// matches of a query, and its ranked window with its filters), so the next page, a facet
    /// clicked or the feed of the same query does not read the index again; 0 keeps none.
    public var queryCacheMiB = 16

    public init(
        database: String, spool: String? = nil, host: String = "127.0.0.1", port: Int = 8080, token: String? = nil,
        queryCacheMiB: Int = 16, passwordFile: String? = nil
    ) {
        self.passwordFile = passwordFile
        self.queryCacheMiB = queryCacheMiB
        self.database = database
        self.spool = spool
        self.host = host
        self.port = port
        self.token = token
    }

    /// Loopback addresses, where a token is not required.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// `HOST:PORT` (`[::1]:8080` for IPv6), as `--listen` takes it; port 0 lets the kernel choose.
    public static func parseListen(_ text: String) -> (host: String, port: Int)? {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[close...].hasPrefix("]:") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let port = Int(portText), (0...65535).contains(port) else { return nil }
        return (String(host), port)
    }
}
