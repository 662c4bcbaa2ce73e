/// A job kind's settings as written in a sweep file: a JSON-like tree. Job kinds
/// decode it into their own settings type, naming unknown or bad fields.
public enum SettingValue: Codable, Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([SettingValue])
    case map([String: SettingValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let l = try? c.decode([SettingValue].self) { self = .list(l) }
        else { self = .map(try c.decode([String: SettingValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(n)
        case .string(let s): try c.encode(s)
        case .list(let l): try c.encode(l)
        case .map(let m): try c.encode(m)
        }
    }

    /// The entries of a map (empty for `null`), or nil for any other value.
    public var mapValue: [String: SettingValue]? {
        switch self {
        case .map(let m): return m
        case .null: return [:]
        default: return nil
        }
    }
}
