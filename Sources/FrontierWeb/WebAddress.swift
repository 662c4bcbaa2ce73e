/// Where the web view listens: `HOST:PORT` (`[::1]:8080` for IPv6), port 0 for any free one.
public struct WebAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    /// Parses `HOST:PORT`.
    ///
    /// - Throws: `WebError.badAddress` naming what is wrong.
    public init(parsing text: String) throws(WebError) {
        guard let colon = text.lastIndex(of: ":") else {
            throw .badAddress(text, "expected HOST:PORT, e.g. 127.0.0.1:8080")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw .badAddress(text, "no host before the port") }
        guard let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else {
            throw .badAddress(text, "the port must be a number from 0 to 65535")
        }
        self.init(host: host, port: port)
    }

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Whether only this machine can connect: `localhost`, 127.0.0.0/8 or `::1`.
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
