/// Why the web view cannot start as asked.
public enum WebError: Error, Equatable, CustomStringConvertible {
    /// An `--http` value that is not `HOST:PORT`.
    case badAddress(String, String)
    /// Serving beyond loopback without a token.
    case tokenRequired(WebAddress)
    /// A token file that cannot be read or holds no usable token.
    case badToken(path: String, String)

    public var description: String {
        switch self {
        case .badAddress(let text, let why): "--http \(text): \(why)"
        case .tokenRequired(let address):
            "--http \(address) is not a loopback address: anyone who reaches it would see the sweeps, so a token "
                + "is required (--http-token FILE; clients send `Authorization: Bearer TOKEN` or `?token=TOKEN`)"
        case .badToken(let path, let why): "--http-token \(path): \(why)"
        }
    }
}
