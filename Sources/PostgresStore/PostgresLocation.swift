public import Foundation
public import Store

/// Where a PostgreSQL store is and how to log in to it, from a `postgresql://` URL and a
/// password file.
///
/// `postgresql://USER@HOST:PORT/DB?sslmode=require`. A host that is a folder (`%2Frun%2Fpostgresql`
/// or `?host=/run/postgresql`) is a Unix socket's directory, as with libpq. The password never
/// comes from the URL or the command line: a URL that carries one is refused. It comes from
/// `password_file` (its first line), else from the `PGPASSFILE` file (libpq's
/// `host:port:database:user:password` lines, `*` matching anything), else there is none (peer
/// or trust authentication). `description` never shows the password.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, Hashable {
        /// No TLS (`sslmode=disable`, and the default over a Unix socket).
        case disable
        /// TLS when the server offers it (`sslmode=prefer`, libpq's default over TCP).
        case prefer
        /// TLS or nothing, the certificate not checked (`sslmode=require`, as libpq).
        case require
        /// TLS with the certificate checked against the system's roots (or `sslrootcert`'s)
        /// and the host name (an IP address host: the certificate's IP addresses).
        case verifyFull = "verify-full"
    }

    public var user: String
    /// A TCP host, or nil for a Unix socket in `socketDirectory`.
    public var host: String?
    public var socketDirectory: String?
    public var port: Int
    public var database: String
    public var tls: TLSMode
    /// The certificate authorities to trust for `verify-full` (`sslrootcert=FILE`, PEM), in
    /// place of the system's.
    public var rootCertificates: String?
    /// The password, read from its file (never printed).
    var password: String?

    /// Whether `database` names a PostgreSQL store rather than a SQLite file.
    public static func isPostgres(_ database: String) -> Bool {
        database.hasPrefix("postgresql://") || database.hasPrefix("postgres://")
    }

    /// The socket file of a Unix-socket location.
    public var socketPath: String? {
        socketDirectory.map { "\($0)/.s.PGSQL.\(port)" }
    }

    public var description: String {
        let place =
            host.map { "\($0.contains(":") ? "[\($0)]" : $0):\(port)" }
            ?? "\(socketDirectory.map(Self.percentEncoded) ?? ""):\(port)"
        return "postgresql://\(user)@\(place)/\(database)"
            + (tls == .prefer || host == nil ? "" : "?sslmode=\(tls.rawValue)")
    }

    /// Parses `url`; the password comes from `passwordFile` (else `PGPASSFILE`).
    public init(
        url: String, passwordFile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    )
        throws(StoreError)
    {
        func refuse(_ why: String) -> StoreError {
            StoreError("the database URL is not usable: \(why) (expected postgresql://USER@HOST:PORT/DATABASE)")
        }
        guard Self.isPostgres(url), var rest = url.split(separator: "://", maxSplits: 1).last.map(String.init) else {
            throw refuse("it does not start with postgresql://")
        }
        var query: [String: String] = [:]
        if let q = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: q)...].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                query[kv[0]] = kv.count > 1 ? (kv[1].removingPercentEncoding ?? kv[1]) : ""
            }
            rest = String(rest[..<q])
        }
        let path = rest.firstIndex(of: "/")
        let authority = path.map { String(rest[..<$0]) } ?? rest
        let name = path.map { String(rest[rest.index(after: $0)...]) } ?? ""
        var user = environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = String(authority[..<at])
            if userInfo.contains(":") {
                throw refuse("it carries a password; put the password in a file (password_file or PGPASSFILE)")
            }
            user = userInfo.removingPercentEncoding ?? userInfo
            hostPort = String(authority[authority.index(after: at)...])
        }
        var host = hostPort
        var port = 5432
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw refuse("an IPv6 host is not closed by ']'") }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = Int(after.dropFirst()), (1...65535).contains(p) else {
                    throw refuse("the port is not a number")
                }
                port = p
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            guard let p = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(p) else {
                throw refuse("the port is not a number")
            }
            port = p
            host = String(hostPort[..<colon])
        }
        if let p = query["port"] {
            guard let n = Int(p), (1...65535).contains(n) else { throw refuse("the port is not a number") }
            port = n
        }
        host = host.removingPercentEncoding ?? host
        if let h = query["host"] { host = h }
        if host.isEmpty { host = environment["PGHOST"] ?? "/run/postgresql" }
        self.user = user
        self.port = port
        if host.hasPrefix("/") {
            self.host = nil
            socketDirectory = host
        } else {
            self.host = host
            socketDirectory = nil
        }
        let database = name.removingPercentEncoding ?? name
        self.database = database.isEmpty ? user : database
        if let mode = query["sslmode"] {
            switch mode {
            case "disable", "allow": tls = .disable
            case "prefer": tls = .prefer
            case "require", "verify-ca": tls = .require
            case "verify-full": tls = .verifyFull
            default: throw refuse("sslmode '\(mode)' is not one of disable, prefer, require, verify-full")
            }
        } else {
            tls = socketDirectory == nil ? .prefer : .disable
        }
        if let file = query["sslrootcert"] {
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw refuse("cannot read sslrootcert \(file)")
            }
            rootCertificates = file
        }
        if let unknown = query.keys.first(where: { !["sslmode", "host", "port", "sslrootcert"].contains($0) }) {
            throw refuse("the parameter '\(unknown)' is not supported")
        }
        if let passwordFile {
            password = try Self.firstLine(of: passwordFile)
        } else if let file = environment["PGPASSFILE"] {
            password = try Self.pgpass(file, host: host, port: port, database: self.database, user: user)
        }
    }

    /// A password file's first line (without its line break).
    static func firstLine(of file: String) throws(StoreError) -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw StoreError("cannot read the password file \(file)")
        }
        let text = String(decoding: data, as: UTF8.self)
        return String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
    }

    /// The password of the first matching line of a libpq password file, if any.
    static func pgpass(_ file: String, host: String, port: Int, database: String, user: String) throws(StoreError)
        -> String?
    {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw StoreError("cannot read the password file \(file) (PGPASSFILE)")
        }
        let wanted = [host.hasPrefix("/") ? "localhost" : host, String(port), database, user]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            // Fields are separated by unescaped colons; `\:` and `\\` stand for themselves.
            var fields: [String] = [""]
            var escaped = false
            for ch in line {
                if escaped {
                    fields[fields.count - 1].append(ch)
                    escaped = false
                } else if ch == "\\" {
                    escaped = true
                } else if ch == ":" && fields.count < 5 {
                    fields.append("")
                } else {
                    fields[fields.count - 1].append(ch)
                }
            }
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    static func percentEncoded(_ path: String) -> String {
        path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F")
    }
}
